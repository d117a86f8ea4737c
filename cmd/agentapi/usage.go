package main

// mainUsage is the help of the whole tool.
const mainUsage = `agentapi: the agent API's task list, for scripts and shells.

Usage:
  agentapi tasks list [flags]   list the tasks of a user and all its sub-accounts
  agentapi fake serve [flags]   run a fake of the API until interrupted
  agentapi version              print the version
  agentapi help                 print this help, with every command's flags

Try it without an account:
  agentapi tasks list --demo --all

Exit status: 0 success, 1 API or network failure, 2 usage error.
`

// listUsage is the help of "tasks list".
const listUsage = `Usage: agentapi tasks list [flags]

List the tasks of a user and all its sub-accounts
(GET /agent-api/new/user/{user_id}/subset_task): one page, or every page with --all.

Flags:
  --user ID           the user whose tasks to list (required, except with --demo: "demo")
  --sub-user ID       only the tasks of this sub-account
  --name TEXT         only the tasks whose name contains TEXT
  --page N            the page to fetch; with --all, the page to start at (default 1)
  --per-page N        tasks per page (default: the server's, 15)
  --all               fetch every page, not just one
  --concurrency N     pages in flight at once with --all (default 1)
  --max N             stop after N tasks, counted after --status (default 0: no limit)
  --status LIST       only these derived statuses, comma-separated:
                      unknown,dialing,paused,waiting,abnormal
  --format FORMAT     table, json, jsonl or csv (default table)
  --timeout D         bound on the whole command, such as 30s or 2m (default 0: none)
  --retries N         retries of a request that failed with 429, 5xx or a network
                      error, with backoff (default 3; 0: none)
  --demo              list from a built-in fake of the API holding 237 generated tasks
                      of the user "demo" (no account, no network beyond loopback)
  --base-url URL      the API's base URL (overrides AGENTAPI_BASE_URL)
  --token-file PATH   read the API token from PATH, "-" for standard input
                      (overrides AGENTAPI_TOKEN)

Environment:
  AGENTAPI_BASE_URL   the API's base URL, such as https://api.example.com
  AGENTAPI_TOKEN      the API token, sent as "Authorization: Bearer <token>"; never printed

Output: table (aligned columns uuid, name, task_status, enable, call_status,
maximumcall, create_datetime), csv (the same columns, a header row, UTF-8),
json (one array) or jsonl (a task a line); in json and jsonl each task is its
object as the API sent it plus "task_status", the derived status word.
While --all runs and stderr is a terminal, stderr shows the progress.

Exit status: 0 success, 1 API or network failure, 2 usage error.
`

// serveUsage is the help of "fake serve".
const serveUsage = `Usage: agentapi fake serve [flags]

Run an in-memory fake of the API's task list until SIGINT or SIGTERM, for
scripts and for other programs' tests. The first line on stdout is
"listening on http://HOST:PORT", printed once the server accepts requests.

Flags:
  --addr HOST:PORT    the address to listen on; port 0 picks a free one
                      (default 127.0.0.1:8080)
  --user ID           the user who owns the generated tasks (default "demo")
  --tasks N           how many tasks to generate (default 237)
  --token T           require "Authorization: Bearer T" (default: no token needed)
  --latency D         delay added to every response, such as 50ms (default 0)

Exit status: 0 after an interrupt, 1 when the address cannot be used, 2 usage error.
`
