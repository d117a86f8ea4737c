package bench

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed testdata/subset_task_example.json
var seedExample []byte

// benchTasks is the number of tasks on the benchmarked page.
const benchTasks = 100

// seedTask returns the seed example's first task, compact.
func seedTask() (string, error) {
	var seed struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(seedExample, &seed); err != nil {
		return "", err
	}
	if len(seed.Data) == 0 {
		return "", fmt.Errorf("seed has no task")
	}
	var task bytes.Buffer
	if err := json.Compact(&task, seed.Data[0]); err != nil {
		return "", err
	}
	return task.String(), nil
}

// pageTask returns task number i: the seed's task with its own uuid and name.
func pageTask(seed string, i int) string {
	t := strings.Replace(seed, "dc7dd781-6d8a-42b1-9402-6d57636a8513",
		fmt.Sprintf("dc7dd781-6d8a-42b1-9402-%012x", i), 1)
	return strings.Replace(t, `"name":"子账户"`, fmt.Sprintf(`"name":"子账户%d"`, i), 1)
}

// pageHead is the envelope before "data", per_page as a string as the real
// server sends it.
func pageHead(n int) string {
	return fmt.Sprintf(`{"code":200,"status":"success","message":"返回所有子账号的任务列表信息成功",`+
		`"meta":{"has_pages":true,"total":%d,"last_page":1,"current_page":1,"per_page":"%d"},"data":`, n, n)
}

// benchPage returns a subset_task response body of n tasks built exactly as
// the root package's benchPage: compact as the server sends it (about 2.5 KB
// a task), each task the seed's task with its own uuid and name, the quirks
// kept (meta.per_page and new_task_extra's wday as strings, nulls, [] lists).
func benchPage(n int) ([]byte, error) {
	seed, err := seedTask()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(pageHead(n))
	b.WriteByte('[')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(pageTask(seed, i))
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}

// phpListPage returns the same page with "data" sent as PHP sends a list
// whose keys are not 0..n-1 in order: an object {"0":{...},"1":{...}}.
func phpListPage(n int) ([]byte, error) {
	seed, err := seedTask()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(pageHead(n))
	b.WriteByte('{')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"%d":%s`, i, pageTask(seed, i))
	}
	b.WriteString("}}")
	return b.Bytes(), nil
}
