package agentapitest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/f703e656/agentapi/agentapitest"
)

// A campaign's lifecycle against the fake, with plain net/http: create a
// 2.0 task, find it in the list, start it (as the console would), see an
// update refused, pause it, copy it and delete it.
func ExampleFake_Task() {
	srv := agentapitest.NewServer()
	defer srv.Close()
	base := srv.URL + "/agent-api/new/user/demo"
	call := func(method, url string, body any) (code int, message string, data json.RawMessage) {
		var rd *bytes.Reader
		if body != nil {
			raw, _ := json.Marshal(body)
			rd = bytes.NewReader(raw)
		} else {
			rd = bytes.NewReader(nil)
		}
		req, _ := http.NewRequest(method, url, rd)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			return 0, err.Error(), nil
		}
		defer resp.Body.Close()
		var env struct {
			Code    int
			Message string
			Data    json.RawMessage
		}
		json.NewDecoder(resp.Body).Decode(&env) //nolint:errcheck // the example prints what arrived
		return env.Code, env.Message, env.Data
	}
	task := map[string]any{
		"name": "春季回访", "destination_extension": 297, "maximumcall": 2,
		"dial_time_id": agentapitest.DefaultDialTimeGroupID,
		"task_extras": map[string]any{
			"start_time": "2025-03-01 09:00:00", "stop_time": "2025-06-30 18:00:00",
			"line": agentapitest.CallerLines("demo")[:1], "holiday": []any{},
		},
	}
	_, msg, data := call(http.MethodPost, base+"/task", task)
	var created struct{ UUID string }
	json.Unmarshal(data, &created) //nolint:errcheck
	fmt.Println(msg)

	_, _, data = call(http.MethodGet, base+"/task?status[]=1", nil)
	var paused []struct{ Name string }
	json.Unmarshal(data, &paused) //nolint:errcheck
	fmt.Println("paused:", paused[0].Name)

	srv.SetTaskState("demo", created.UUID, true, true) // started in the console
	code, msg, _ := call(http.MethodPut, base+"/task/"+created.UUID, task)
	fmt.Println(code, msg)

	_, msg, _ = call(http.MethodPut, base+"/task_stop/"+created.UUID, nil)
	st, _ := srv.Task("demo", created.UUID)
	fmt.Println(msg, st.Enable, st.CallStatus)

	_, msg, data = call(http.MethodGet, base+"/copy/task/"+created.UUID, nil)
	var copied struct{ UUID, Name string }
	json.Unmarshal(data, &copied) //nolint:errcheck
	fmt.Println(msg, copied.Name, copied.UUID != created.UUID)

	_, msg, _ = call(http.MethodDelete, srv.URL+"/agent-api/user/demo/task/"+created.UUID, nil)
	fmt.Println(msg, srv.TaskCount("demo"))
	// Output:
	// 任务创建成功
	// paused: 春季回访
	// 6007 2.0任务启动中,请先停止任务
	// 任务暂停成功 false false
	// 任务复制成功 春季回访-副本 true
	// 任务删除成功 1
}
