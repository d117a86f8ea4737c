<?php

// No composer: Debian's php-laravel-framework wires the framework and its
// dependencies under /usr/share/php; this registers the app's own classes.
require_once 'Illuminate/autoload.php';

spl_autoload_register(function ($class) {
    if (strncmp($class, 'App\\', 4) !== 0) {
        return;
    }
    $file = __DIR__.'/../app/'.str_replace('\\', '/', substr($class, 4)).'.php';
    if (is_file($file)) {
        require $file;
    }
});
