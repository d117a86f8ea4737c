<?php

namespace App\Models;

use Illuminate\Foundation\Auth\User as Authenticatable;

// A main account (parent_id null) or one of its sub-accounts; api_token is
// what the token guard compares.
class User extends Authenticatable
{
    public $incrementing = false;
    protected $keyType = 'string';
    public $timestamps = false;
    protected $guarded = [];
}
