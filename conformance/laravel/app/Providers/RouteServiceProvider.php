<?php

namespace App\Providers;

use Illuminate\Cache\RateLimiting\Limit;
use Illuminate\Foundation\Support\Providers\RouteServiceProvider as ServiceProvider;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\RateLimiter;
use Illuminate\Support\Facades\Route;

class RouteServiceProvider extends ServiceProvider
{
    public function boot()
    {
        $this->configureRateLimiting();

        $this->routes(function () {
            Route::middleware('api')->group(base_path('routes/api.php'));
        });
    }

    // The stock 'api' limiter (60 a minute, per user, else per IP), with its
    // limit and window taken from THROTTLE_LIMIT and THROTTLE_WINDOW
    // (seconds) so that tests can use a window of a few seconds.
    protected function configureRateLimiting()
    {
        RateLimiter::for('api', function (Request $request) {
            $limit = Limit::perMinute((int) env('THROTTLE_LIMIT', 60));
            $limit->decayMinutes = ((int) env('THROTTLE_WINDOW', 60)) / 60;

            return $limit->by(optional($request->user())->id ?: $request->ip());
        });
    }
}
