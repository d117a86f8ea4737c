<?php

// The throttle's counters: files, shared by every php -S worker.
return [
    'default' => 'file',
    'stores' => [
        'file' => ['driver' => 'file', 'path' => storage_path('framework/cache/data')],
    ],
    'prefix' => 'conformance',
];
