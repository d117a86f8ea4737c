package main

// mainIntro and mainOutro frame the command table in the main help.
const (
	mainIntro = `agentapi: the agent API's tasks and dial-time groups, for scripts and shells.

Usage:
`
	mainOutro = `
Try it without an account:
  agentapi tasks list --demo --all

Run 'agentapi COMMAND --help' for a command's flags.

Exit status: 0 success, 1 API or network failure, 2 usage error,
4 authentication or permission refused (HTTP 401 or 403), 130 interrupted.
`
)

// apiHelp documents the flags and environment of addAPIFlags and
// addOutputFlags, shared by every command that calls the API.
const apiHelp = `Connection flags:
  --user ID           the main account (主账号) to act for: its id, usually a uuid,
                      as the vendor's console shows it (default: AGENTAPI_USER;
                      with --demo: "demo")
  --base-url URL      the API's base URL (overrides AGENTAPI_BASE_URL)
  --token-file PATH   read the API token from PATH, "-" for standard input
                      (overrides AGENTAPI_TOKEN)
  --header NAME:VALUE send this header on every request, such as a gateway key
                      (repeatable; not Authorization, which is the token's)
  --timeout D         bound on the whole command, such as 30s or 2m (default 0: none)
  --retries N         retries of a request that failed with 429, 5xx or a network
                      error, with backoff (default 3; 0: none)
  --demo              use a built-in fake of the API holding 237 generated tasks
                      of the user "demo" (no account, no network beyond loopback)

Output flags:
  --format FORMAT     table, json, jsonl or csv (default table)
  --output FILE       write to FILE instead of stdout; FILE is replaced only when
                      the command succeeds (a failure leaves it as it was)
  --csv-raw           csv cells as they are; by default a cell starting with
                      = + - @ tab or CR gets a leading ' so that a spreadsheet
                      does not run it as a formula

Environment:
  AGENTAPI_BASE_URL   the API's base URL, such as https://api.example.com
  AGENTAPI_TOKEN      the partner token the vendor issues, sent as
                      "Authorization: Bearer <token>"; never printed
  AGENTAPI_USER       the default --user

Exit status: 0 success, 1 API or network failure, 2 usage error,
4 authentication or permission refused (HTTP 401 or 403), 130 interrupted.
`

// listUsage is the help of "tasks list".
const listUsage = `Usage: agentapi tasks list [flags]

List the tasks of a user and all its sub-accounts
(GET /agent-api/new/user/{user_id}/subset_task): one page, or every page with --all.

Flags:
  --sub-user ID       only the tasks of this sub-account
  --name TEXT         only the tasks whose name contains TEXT
  --page N            the page to fetch; with --all, the page to start at (default 1)
  --per-page N        tasks per page (default: the server's 15; with --all, 100)
  --all               fetch every page, not just one
  --concurrency N     pages in flight at once, with --all only (default 1)
  --max N             stop after N tasks, counted after --status (default 0: no limit)
  --status LIST       only these derived statuses, comma-separated:
                      unknown,dialing,paused,waiting,abnormal, and active
                      (= dialing,waiting). paused, active or both are
                      filtered by the server on every page: the tasks come
                      from the 2.0 list (GET .../task?status[]=1&status[]=3).
                      Any other set, or --sub-user, lists subset_task and
                      filters here: then without --all only the one page
                      fetched is filtered.

` + apiHelp + `
Output: table (aligned columns uuid, name, task_status, enable, call_status,
maximumcall, create_datetime; invisible characters such as U+202E shown as
<U+202E>), csv (the same columns, a header row, UTF-8), json (one array) or
jsonl (a task a line); in json and jsonl each task is its object as the API
sent it plus "task_status", the derived status word. Each task is listed
once, and every task without a uuid. While --all runs and stderr is a
terminal, stderr shows the progress, and "waiting 42s for the rate limit"
while the server's window is spent (the walk then resumes).
`

// serveUsage is the help of "fake serve".
const serveUsage = `Usage: agentapi fake serve [flags]

Run an in-memory fake of the API until SIGINT or SIGTERM, for scripts and
for other programs' tests: the task lists, the 2.0 task lifecycle (get,
setup, create, update, pause, copy, delete) and the dial-time groups. The first line on stdout is
"listening on http://HOST:PORT", printed once the server accepts requests.

Flags:
  --addr HOST:PORT    the address to listen on; port 0 picks a free one
                      (default 127.0.0.1:8080)
  --user ID           the user who owns the generated tasks (default "demo")
  --tasks N           how many tasks to generate (default 237)
  --token T           require "Authorization: Bearer T" (default: no token needed)
  --latency D         delay added to every response, such as 50ms (default 0)
  --rate-limit N/D    throttle as Laravel does: N requests per window D, such as
                      60/1m, then HTTP 429 with Retry-After (default: none)

Exit status: 0 after an interrupt, 1 when the address cannot be used, 2 usage error.
`

// versionUsage is the help of "version".
const versionUsage = `Usage: agentapi version   (or agentapi --version)

Print the version of the agentapi SDK the tool is built with.
`
