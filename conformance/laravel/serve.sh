#!/usr/bin/env bash
# Runs the conformance Laravel app.
#
#   serve.sh install        install the Debian packages it needs, when missing
#   serve.sh start DIR      seed a fresh SQLite database in DIR, start php -S on a
#                           free loopback port, print its base URL (also in DIR/url)
#   serve.sh stop DIR       stop the server started with DIR (by its PID) and wait
#   serve.sh artisan DIR …  run an artisan command against DIR's database
#   serve.sh stop-all FILE  stop every server whose PID start appended to FILE
#                           (start does when AGENTAPI_CONFORMANCE_PIDS names one)
#
# start reads THROTTLE_LIMIT and THROTTLE_WINDOW (seconds; default 60 per 60),
# PHP_CLI_SERVER_WORKERS (default 4) and TASKS (default 300).
set -euo pipefail
app="$(cd "$(dirname "$0")" && pwd)"
packages=(php-cli php-sqlite3 php-mbstring php-xml php-laravel-framework)

missing() {
	local p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
	done
}

env_for() { # the environment of the app for storage dir $1
	export APP_STORAGE="$1" APP_ENV=production APP_DEBUG=false
	export APP_SERVICES_CACHE="$1/cache/services.php" APP_PACKAGES_CACHE="$1/cache/packages.php"
	export APP_CONFIG_CACHE="$1/cache/config.php" APP_ROUTES_CACHE="$1/cache/routes.php"
	export APP_EVENTS_CACHE="$1/cache/events.php" DB_DATABASE="$1/database.sqlite"
}

case "${1:-}" in
install)
	need=$(missing)
	[ -z "$need" ] && exit 0
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
	;;
start)
	dir="${2:?usage: serve.sh start DIR}"
	mkdir -p "$dir"/{cache,logs,framework/cache/data,framework/views}
	env_for "$dir"
	rm -f "$dir/framework/down"
	: >"$DB_DATABASE"
	php "$app/artisan" conformance:setup --tasks="${TASKS:-300}" >/dev/null
	port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);')
	export PHP_CLI_SERVER_WORKERS="${PHP_CLI_SERVER_WORKERS:-4}"
	# Its own session (process group), so that stop ends the workers too.
	# OPcache, off for the CLI by default, makes a request ~5 times cheaper.
	setsid php -d opcache.enable_cli=1 -S "127.0.0.1:$port" -t "$app/public" "$app/public/index.php" \
		>"$dir/logs/server.log" 2>&1 </dev/null &
	echo $! >"$dir/server.pid"
	# A registry of every server started, for a caller that must stop them
	# all even when a test run is killed (.ci/run).
	[ -n "${AGENTAPI_CONFORMANCE_PIDS:-}" ] && echo $! >>"$AGENTAPI_CONFORMANCE_PIDS"
	url="http://127.0.0.1:$port"
	for _ in $(seq 100); do
		if php -r 'exit(@file_get_contents($argv[1]) === false && !isset($http_response_header) ? 1 : 0);' "$url/" 2>/dev/null; then
			echo "$url" >"$dir/url"
			echo "$url"
			exit 0
		fi
		sleep 0.1
	done
	echo "serve.sh: the server did not answer; see $dir/logs/server.log" >&2
	"$0" stop "$dir"
	exit 1
	;;
stop)
	dir="${2:?usage: serve.sh stop DIR}"
	[ -f "$dir/server.pid" ] || exit 0
	pid=$(cat "$dir/server.pid")
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 -- "-$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
	rm -f "$dir/server.pid"
	;;
stop-all)
	file="${2:?usage: serve.sh stop-all FILE}"
	[ -f "$file" ] || exit 0
	while read -r pid; do
		# Only a php process that still leads its own group: never a reused PID.
		if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ] &&
			[[ "$(ps -o comm= -p "$pid" 2>/dev/null)" == php* ]]; then
			kill -TERM -- "-$pid" 2>/dev/null || true
		fi
	done <"$file"
	;;
artisan)
	dir="${2:?usage: serve.sh artisan DIR COMMAND...}"
	shift 2
	env_for "$dir"
	php "$app/artisan" "$@"
	;;
*)
	sed -n '2,14p' "$0" >&2
	exit 2
	;;
esac
