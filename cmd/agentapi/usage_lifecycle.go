package main

// The help of the 2.0 task lifecycle and dial-time commands.

// callHelp documents --sub-user and the shared flags of a one-call command
// on one task.
const callHelp = `  --sub-user ID       act on this sub-account's task (sub_user_id)

` + apiHelp

// taskOutputHelp says how a command prints the task the API answered.
const taskOutputHelp = `
Output: the task as one row of 'agentapi tasks list' (table, csv) or one
object (json: an array of one; jsonl: one line), the object being what the
API answered plus "task_status".`

// writeOutputHelp says how create, update and copy print the task.
const writeOutputHelp = taskOutputHelp + ` A write answers what the API's data held:
often part of the task (the settings view has no uuid).
`

// getUsage is the help of "tasks get".
const getUsage = `Usage: agentapi tasks get TASK_ID [flags]

Print one 2.0 task's full settings
(GET /agent-api/new/user/{user_id}/task/{task_id}/edit).

Flags:
` + callHelp + taskOutputHelp + ` The settings view sends no
uuid, nor dates: the uuid shown is TASK_ID (in json and jsonl, a "uuid" key
added before "task_status").
`

// setupUsage is the help of "tasks setup".
const setupUsage = `Usage: agentapi tasks setup [flags]

Print what a new 2.0 task can use (GET /agent-api/new/user/{user_id}/task/create):
the dial-time groups (their id is a task's dial_time_id) and the caller lines
(their id goes in task_extras.line).

Flags:
  --sub-user ID       use this sub-account's groups and lines (sub_user_id)

` + apiHelp + `
Output: table and csv have the columns kind (dial_time_group or caller_line),
id, name, remark, detail (a group's hours by weekday, a line's belong_user);
jsonl writes each group and line as its object plus "kind"; json writes one
object {"task_dial_times":[...],"caller_line_list":[...]} as the API sent them.
`

// taskInputHelp documents the JSON of tasks create and update.
const taskInputHelp = `Input: one JSON object, the SDK's TaskInput, from --file PATH or standard
input ("-" or no --file). Required: name, destination_extension (the script
group id), dial_time_id (see 'agentapi tasks setup'), maximumcall (concurrent
lines, > 0), task_extras.start_time before task_extras.stop_time
("YYYY-MM-DD HH:MM:SS", the account's time zone). task_extras.line (line ids)
and task_extras.holiday are sent as [] when left out. Optional: sub_user_id,
bridge_group_id, enable_type, is_call_in (0 outbound, 1 inbound), remark,
auto_recycle_rule_id, end_action (1: pause and release the lines at the end),
background_id, llm_intention_id, task_extras.interval_time. Any other key
(a newer field of the vendor's) is sent as given; so is a task_extras of the
vendor's newer shape (line as {"id", "limit"} objects, holiday with "begin",
pop_mode, redial_*), whole, once its start_time and stop_time are checked.
For example:

  {
    "name": "November renewals",
    "destination_extension": 12,
    "dial_time_id": 96,
    "maximumcall": 5,
    "remark": "created from the CLI",
    "task_extras": {
      "start_time": "2024-11-01 09:00:00",
      "stop_time": "2024-11-30 18:00:00",
      "line": ["94c1a3d9-a19c-4abc-a801-b93f0c706636"],
      "holiday": [{"start": "2024-11-11 00:00", "end": "2024-11-11 23:59"}]
    }
  }

Input the tool cannot read, or that the SDK refuses (a missing required
field, start_time not before stop_time), is a usage error (exit 2) and
nothing is sent. The server's own refusal (HTTP 422) exits 1 and lists the
fields it refused.
`

// createUsage is the help of "tasks create".
const createUsage = `Usage: agentapi tasks create [--file PATH] [flags]

Create a 2.0 task (POST /agent-api/new/user/{user_id}/task). The new task is
paused: the API has no start endpoint; start it from the vendor's console.

Flags:
  --file PATH         read the task from PATH ("-" or none: standard input)
  --sub-user ID       create it for this sub-account (sets sub_user_id)

` + apiHelp + "\n" + taskInputHelp + writeOutputHelp

// updateUsage is the help of "tasks update".
const updateUsage = `Usage: agentapi tasks update TASK_ID [--file PATH] [flags]

Replace a 2.0 task's settings (PUT /agent-api/new/user/{user_id}/task/{task_id}):
send them all, as for create. 'agentapi tasks get TASK_ID --format json'
shows the current values in the API's shape, not TaskInput's (there
destination_extension is a string such as "102", task_extras differ): copy
the fields listed under Input below into a TaskInput.
A running task is refused (exit 1): pause it first.

Flags:
  --file PATH         read the task from PATH ("-" or none: standard input)
  --sub-user ID       the task of this sub-account (sets sub_user_id)

` + apiHelp + "\n" + taskInputHelp + writeOutputHelp

// pauseUsage is the help of "tasks pause".
const pauseUsage = `Usage: agentapi tasks pause TASK_ID [flags]

Pause a 2.0 task (PUT /agent-api/new/user/{user_id}/task_stop/{task_id}) and
print "paused TASK_ID". Pausing a paused task succeeds.

Flags:
` + callHelp

// copyUsage is the help of "tasks copy".
const copyUsage = `Usage: agentapi tasks copy TASK_ID [flags]

Copy a 2.0 task (GET /agent-api/new/user/{user_id}/copy/task/{task_id}) and
print the copy. The copy is paused. A copy is never retried once the request
may have arrived, so that a failure never leaves two copies: check with
'agentapi tasks list' before trying again.

Flags:
` + callHelp + writeOutputHelp

// deleteUsage is the help of "tasks delete".
const deleteUsage = `Usage: agentapi tasks delete TASK_ID [--yes] [flags]

Delete a task (DELETE /agent-api/user/{user_id}/task/{task_id}) and print
"deleted TASK_ID". On a terminal it asks first; otherwise (a script, a pipe)
it needs --yes, and without it exits 2 having sent nothing.

Flags:
  --yes               delete without asking
` + callHelp

// dialTimesUsage is the help of "dial-times list".
const dialTimesUsage = `Usage: agentapi dial-times list [flags]

List the dial-time groups (GET /agent-api/user/{user_id}/dial-time-group):
one page, or every page with --all. A group's id is a task's dial_time_id.

Flags:
  --page N            the page to fetch; with --all, the page to start at (default 1)
  --all               fetch every page
  --sub-user ID       list the groups of this sub-account (sub_user_id)

` + apiHelp + groupOutputHelp

// groupOutputHelp says how dial-time groups print.
const groupOutputHelp = `
Output: table and csv have the columns id, name, is_default, skip_holiday,
content (the hours by weekday, days with the same hours together:
"0,1,2,3,4 09:00-12:00,13:00-18:00"), remark, updated_at; json and jsonl
write each group as the API sent it.
`

// groupInputHelp documents the JSON of dial-times create and update.
const groupInputHelp = `Input: one JSON object, the SDK's DialTimeGroupInput, from --file PATH or
standard input ("-" or no --file). Required: name, content (at least one day:
week 0..6 as the vendor numbers them, times as "HH:MM" ranges that end after
they begin). is_default and skip_holiday are sent as false when left out;
sub_user_id is optional. Other keys are refused. For example:

  {
    "name": "office hours",
    "content": [
      {"week": 1, "times": [{"begin_time": "09:00", "end_time": "12:00"},
                            {"begin_time": "13:30", "end_time": "18:00"}]},
      {"week": 2, "times": [{"begin_time": "09:00", "end_time": "18:00"}]}
    ],
    "is_default": false,
    "skip_holiday": true
  }

Input the tool cannot read, or that the SDK refuses, is a usage error
(exit 2) and nothing is sent; the server's refusal (HTTP 422) exits 1 and
lists the fields it refused.
`

// dialTimeCreateUsage is the help of "dial-times create".
const dialTimeCreateUsage = `Usage: agentapi dial-times create [--file PATH] [flags]

Create a dial-time group (POST /agent-api/user/{user_id}/dial-time-group) and
print it.

Flags:
  --file PATH         read the group from PATH ("-" or none: standard input)
  --sub-user ID       create it for this sub-account (sets sub_user_id)

` + apiHelp + "\n" + groupInputHelp + groupOutputHelp

// dialTimeUpdateUsage is the help of "dial-times update".
const dialTimeUpdateUsage = `Usage: agentapi dial-times update GROUP_ID [--file PATH] [flags]

Replace a dial-time group (PUT /agent-api/user/{user_id}/dial-time-group/{id})
and print it.

Flags:
  --file PATH         read the group from PATH ("-" or none: standard input)
  --sub-user ID       the group of this sub-account (sets sub_user_id)

` + apiHelp + "\n" + groupInputHelp + groupOutputHelp
