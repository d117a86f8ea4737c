<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;
use Illuminate\Database\Eloquent\SoftDeletes;

// A task row; its columns are the seed's keys in the seed's order, so that
// select * serializes in that order. The casts make PHP decide the JSON types.
class Task extends Model
{
    use SoftDeletes;

    public $timestamps = false;
    protected $guarded = [];
    protected $hidden = ['id', 'main_user_id'];
    protected $casts = [
        'enable' => 'boolean',
        'is_test' => 'boolean',
        'disable_dial_timegroup' => 'array',
        'scheduling_policy_ratio' => 'array',
        'scheduling_queue' => 'array',
        'task_extras' => 'array',
        'new_task_extra' => 'array',
        'caller_line' => 'array',
        'auto_recycle_rule' => 'array',
        'group' => 'array',
        'llm_intention_config' => 'array',
    ];
}
