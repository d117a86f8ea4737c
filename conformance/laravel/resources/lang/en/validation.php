<?php

// The stock English messages of the rules the controller uses.
return [
    'integer' => 'The :attribute must be an integer.',
    'max' => [
        'numeric' => 'The :attribute must not be greater than :max.',
        'string' => 'The :attribute must not be greater than :max characters.',
        'array' => 'The :attribute must not have more than :max items.',
    ],
    'string' => 'The :attribute must be a string.',
    'custom' => [],
    'attributes' => [],
];
