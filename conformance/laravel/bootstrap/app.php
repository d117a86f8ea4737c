<?php

$app = new Illuminate\Foundation\Application(dirname(__DIR__));

// Runtime state (SQLite file, cache, logs, compiled views, the maintenance
// flag) lives outside the source tree, in the directory start.sh made.
if ($storage = getenv('APP_STORAGE')) {
    $app->useStoragePath($storage);
}

$app->singleton(Illuminate\Contracts\Http\Kernel::class, App\Http\Kernel::class);
$app->singleton(Illuminate\Contracts\Console\Kernel::class, App\Console\Kernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, App\Exceptions\Handler::class);

return $app;
