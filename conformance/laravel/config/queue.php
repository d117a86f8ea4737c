<?php

// Only so that artisan's stock commands load; nothing is queued.
return [
    'default' => 'sync',
    'connections' => ['sync' => ['driver' => 'sync']],
    'failed' => ['driver' => 'null'],
];
