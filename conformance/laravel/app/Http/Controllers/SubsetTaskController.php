<?php

namespace App\Http\Controllers;

use App\Models\Task;
use App\Models\User;
use Illuminate\Http\Request;
use Illuminate\Routing\Controller;

// 2.0 task list (all sub-accounts): the tasks of the user and of its
// sub-accounts, newest first, in the vendor's envelope.
class SubsetTaskController extends Controller
{
    public function index(Request $request, $user_id)
    {
        $request->validate([
            'name' => 'nullable|string|max:255',
            'sub_user_id' => 'nullable|string|max:64',
        ]);

        $owners = User::where('id', $user_id)->orWhere('parent_id', $user_id)->pluck('id');
        $query = Task::whereIn('user_id', $owners);
        if ($request->filled('name')) {
            $query->where('name', 'like', '%'.$request->input('name').'%');
        }
        if ($request->filled('sub_user_id')) {
            $query->where('user_id', $request->input('sub_user_id'));
        }
        $page = $query->orderByDesc('id')->paginate($request->input('per_page'));

        return response()->json([
            'code' => 200,
            'status' => 'success',
            'message' => '返回所有子账号的任务列表信息成功',
            'meta' => [
                'has_pages' => $page->hasPages(),
                'total' => $page->total(),
                'last_page' => $page->lastPage(),
                'current_page' => $page->currentPage(),
                'per_page' => $page->perPage(),
            ],
            'data' => $page->items(),
        ]);
    }
}
