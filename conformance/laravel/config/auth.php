<?php

// The token guard: "Authorization: Bearer <token>" or ?api_token=<token>,
// compared with users.api_token as stored (no hashing).
return [
    'defaults' => ['guard' => 'api', 'passwords' => 'users'],
    'guards' => [
        'api' => ['driver' => 'token', 'provider' => 'users', 'hash' => false],
    ],
    'providers' => [
        'users' => ['driver' => 'eloquent', 'model' => App\Models\User::class],
    ],
];
