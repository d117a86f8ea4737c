<?php

use App\Http\Controllers\SubsetTaskController;
use Illuminate\Support\Facades\Route;

Route::middleware('auth:api')->group(function () {
    Route::get('/agent-api/new/user/{user_id}/subset_task', [SubsetTaskController::class, 'index']);
});
