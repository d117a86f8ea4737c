<?php

use App\Models\Task;
use App\Models\User;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Artisan;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

// The accounts: a main user with three sub-accounts (the seed's user), and
// a second main user, each with its own token.
const MAIN_USER = '4e92e425-036e-4759-b594-ee6911605533';
const OTHER_USER = '9b1f0c3e-5a4d-4c2b-8e7f-000000000002';

function conformance_uuid(string $key): string
{
    $h = md5($key);
    $h[12] = '4';
    $h[16] = dechex(8 | (hexdec($h[16]) & 3));

    return substr($h, 0, 8).'-'.substr($h, 8, 4).'-'.substr($h, 12, 4).'-'.substr($h, 16, 4).'-'.substr($h, 20, 12);
}

function conformance_subs(string $user): array
{
    return [conformance_uuid($user.'/sub/1'), conformance_uuid($user.'/sub/2'), conformance_uuid($user.'/sub/3')];
}

// Task number $seq of $user, in the seed's shape. Its status follows
// $seq % 10, as agentapitest's generated tasks do: 0-2 dialing, 3-5 paused,
// 6-7 waiting, 8 abnormal (new_task_extra null or [] in turn), 9 enable
// false with call_status true (no status in the vendor's table).
function conformance_task(string $user, int $seq): array
{
    $kind = $seq % 10;
    $enable = in_array($kind, [0, 1, 2, 6, 7, 8], true);
    $callStatus = in_array($kind, [0, 1, 2, 9], true);
    $owners = array_merge([$user], conformance_subs($user));
    $suffix = ['回访', '催收提醒', 'Survey', 'Promo_50%', '会员关怀', 'VIP续费', '活动邀约'][$seq % 7];
    $created = date('Y-m-d H:i:s', strtotime('2024-09-02 21:45:18') + $seq * 433);
    $workHour = [];
    foreach (range(0, 6) as $d) {
        $workHour[] = ['end' => '12:00', 'wday' => $d, 'begin' => '09:00'];
        $workHour[] = ['end' => '18:00', 'wday' => $d, 'begin' => '13:00'];
    }
    $extra = [
        'name' => sprintf('任务-%04d', $seq + 1), 'enable' => $enable, 'line' => [], 'limit' => 1, 'cps' => 1,
        'start_time' => '2024-11-01 13:25:26', 'stop_time' => '2025-11-01 13:25:26',
        'work_week' => range(0, 6),
        'work_hour' => [['wday' => '-1', 'begin' => '09:00', 'end' => '12:00'], ['wday' => '-1', 'begin' => '13:00', 'end' => '18:00']],
        'destination_extension' => '105', 'blacklist' => '', 'background' => '',
        'call_status' => $callStatus, 'number_count' => 0, 'call_info' => [],
    ];
    if ($kind === 8) {
        $extra = intdiv($seq, 10) % 2 === 0 ? null : [];
    }

    return [
        'uuid' => conformance_uuid($user.'/task/'.$seq),
        'name' => sprintf('外呼任务-%04d %s', $seq + 1, $suffix),
        'create_datetime' => $created, 'alter_datetime' => $created,
        'start' => 0, 'enable' => $enable, 'maximumcall' => 5 + $seq % 8 * 5,
        'call_per_second' => 10, 'recycle_limit' => 0, 'random_assignment_number' => 0,
        'disable_dial_timegroup' => null, 'dial_time_id' => 96,
        'destination_extension' => '10'.(1 + $seq % 5), 'destination_dialplan' => 'XML',
        'destination_context' => 'default', 'scheduling_policy_ratio' => null, 'scheduling_queue' => null,
        'dial_format' => 'user/0000', 'domain' => null, 'remark' => $seq % 3 === 0 ? null : 'r/'.$seq,
        'sort' => $seq + 1, 'originate_variables' => '{execute_on_media=start_da}',
        '_originate_timeout' => 60, '_origination_caller_id_number' => '20101',
        'user_id' => $owners[$seq % 4], 'auto_recycle_rule_id' => $seq % 2 === 0 ? 94 : null,
        'clue_configuration_id' => null, 'call_notify_type' => 2, 'call_pause_second' => 0,
        'call_notify_fail_stop' => 0, 'bridge_group_id' => null, 'is_test' => false, 'is_top' => (int) ($seq % 25 === 0),
        'empty_seat_stop' => 0, 'background_file_id' => null, 'background_file_name' => null,
        'end_action' => 1, 'task_type' => 6, 'line_callee' => '', 'cache_number_count' => 0, 'mode_id' => null,
        'bridge_maximumcall' => 0, 'bridge_proportion' => 0, 'direct_bridge' => 0, 'direct_bridge_echo' => 0,
        'llm_intention_id' => 0, 'restart_at' => $kind >= 3 && $kind <= 5 ? $created : null,
        'enable_type' => 0, 'background_id' => null, 'background' => '', 'is_group_switch' => 0,
        'task_extras' => ['line' => [], 'stop_time' => '2025-11-01 13:25:26', 'work_hour' => $workHour,
            'work_week' => range(0, 6), 'start_time' => '2024-11-01 13:25:26'],
        'status_str' => ['执行中', '执行中', '执行中', '停止', '停止', '停止', '等待执行', '等待执行', '异常', '停止'][$kind],
        'new_task_extra' => $extra, 'caller_line' => null, 'auto_recycle_rule' => null,
        'group' => $seq % 3 === 0 ? null : ['id' => 100 + $seq % 3, 'name' => '分组'.($seq % 3), 'default' => $seq % 3 === 1],
        'llm_intention_config' => null, 'status' => 1,
    ];
}

function conformance_next_seq(string $user): int
{
    $owners = array_merge([$user], conformance_subs($user));

    return Task::withTrashed()->whereIn('user_id', $owners)->count();
}

function conformance_insert(string $user, int $n): void
{
    DB::transaction(function () use ($user, $n) {
        $next = conformance_next_seq($user);
        for ($i = 0; $i < $n; $i++) {
            // forceFill: fill() drops keys that start with "_".
            (new Task)->forceFill(conformance_task($user, $next + $i))->save();
        }
    });
}

Artisan::command('conformance:setup {--tasks=300} {--other-tasks=7}', function () {
    Schema::dropIfExists('tasks');
    Schema::dropIfExists('users');
    Schema::create('users', function (Blueprint $t) {
        $t->string('id')->primary();
        $t->string('parent_id')->nullable()->index();
        $t->string('name');
        $t->string('api_token')->nullable()->unique();
    });
    Schema::create('tasks', function (Blueprint $t) {
        $t->id();
        $t->string('uuid')->unique();
        $t->string('name');
        $t->string('create_datetime');
        $t->string('alter_datetime');
        foreach (['start'] as $c) { $t->integer($c); }
        $t->boolean('enable');
        foreach (['maximumcall', 'call_per_second', 'recycle_limit', 'random_assignment_number'] as $c) { $t->integer($c); }
        $t->json('disable_dial_timegroup')->nullable();
        $t->integer('dial_time_id')->nullable();
        foreach (['destination_extension', 'destination_dialplan', 'destination_context'] as $c) { $t->string($c); }
        $t->json('scheduling_policy_ratio')->nullable();
        $t->json('scheduling_queue')->nullable();
        $t->string('dial_format');
        $t->string('domain')->nullable();
        $t->string('remark')->nullable();
        $t->integer('sort');
        $t->string('originate_variables');
        $t->integer('_originate_timeout');
        $t->string('_origination_caller_id_number');
        $t->string('user_id')->index();
        $t->integer('auto_recycle_rule_id')->nullable();
        $t->integer('clue_configuration_id')->nullable();
        $t->softDeletes();
        foreach (['call_notify_type', 'call_pause_second', 'call_notify_fail_stop'] as $c) { $t->integer($c); }
        $t->integer('bridge_group_id')->nullable();
        $t->boolean('is_test');
        $t->tinyInteger('is_top');
        $t->integer('empty_seat_stop');
        $t->integer('background_file_id')->nullable();
        $t->string('background_file_name')->nullable();
        foreach (['end_action', 'task_type'] as $c) { $t->integer($c); }
        $t->string('line_callee');
        $t->integer('cache_number_count');
        $t->integer('mode_id')->nullable();
        foreach (['bridge_maximumcall', 'bridge_proportion', 'direct_bridge', 'direct_bridge_echo', 'llm_intention_id'] as $c) { $t->integer($c); }
        $t->string('restart_at')->nullable();
        $t->integer('enable_type');
        $t->integer('background_id')->nullable();
        $t->string('background');
        $t->integer('is_group_switch');
        $t->json('task_extras')->nullable();
        $t->string('status_str');
        $t->json('new_task_extra')->nullable();
        $t->json('caller_line')->nullable();
        $t->json('auto_recycle_rule')->nullable();
        $t->json('group')->nullable();
        $t->json('llm_intention_config')->nullable();
        $t->integer('status');
    });
    foreach ([[MAIN_USER, 'conformance-token'], [OTHER_USER, 'other-token']] as [$user, $token]) {
        User::create(['id' => $user, 'name' => 'main', 'api_token' => $token]);
        foreach (conformance_subs($user) as $k => $sub) {
            User::create(['id' => $sub, 'parent_id' => $user, 'name' => 'sub'.($k + 1)]);
        }
    }
    conformance_insert(MAIN_USER, (int) $this->option('tasks'));
    conformance_insert(OTHER_USER, (int) $this->option('other-tasks'));
    $this->info('seeded');
})->purpose('Create the schema and seed the accounts and tasks');

Artisan::command('conformance:insert {user} {n}', function ($user, $n) {
    conformance_insert($user, (int) $n);
})->purpose('Create n new tasks (the newest) for a main user');

Artisan::command('conformance:delete {user} {n} {--offset=0}', function ($user, $n) {
    $owners = array_merge([$user], conformance_subs($user));
    $ids = Task::whereIn('user_id', $owners)->orderByDesc('id')
        ->skip((int) $this->option('offset'))->take((int) $n)->pluck('id');
    Task::whereIn('id', $ids)->delete();
})->purpose('Soft-delete n tasks of a main user, the newest first, after skipping --offset');

Artisan::command('conformance:subs {user}', function ($user) {
    $this->line(json_encode(conformance_subs($user)));
})->purpose('Print the sub-account ids of a main user as JSON');
