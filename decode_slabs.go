package agentapi

import "github.com/f703e656/agentapi/internal/jsonwire"

// A task's small parts are carved from few allocations: its three optional
// objects share one, its work hours another and its int lists a third,
// each list a capped slice of its task's slab, sized from the last task's.
// A slab belongs to one task only: keeping a task, or one of its parts,
// keeps that task's slabs, never another task's (see Task's doc on memory).

// taskParts holds the optional objects of one task.
type taskParts struct {
	extras TaskExtras
	remote NewTaskExtra
	group  TaskGroup
}

// taskParts returns the current task's parts, allocating them on first use
// (once per task, or once per decoder outside a task).
func (d *decoder) taskParts() *taskParts {
	if d.parts == nil {
		d.parts = new(taskParts)
	}
	return d.parts
}

// part reads an object field with into into *v, one of the task's parts,
// and returns v; nil when the field is null, [] or {}. v is zeroed first:
// with a repeated key, the last value wins whole.
func part[T any](d *decoder, v *T, into func(*decoder, *T) (bool, error)) (*T, error) {
	*v = *new(T)
	if ok, err := into(d, v); !ok || err != nil {
		return nil, err
	}
	return v, nil
}

// workHours reads a work_hour list into the task's slab of work hours; an
// element null, [] or {} reads as a zero WorkHour.
func (d *decoder) workHours() ([]WorkHour, error) {
	if d.hourSlab == nil && d.hourGuess > 0 {
		d.hourSlab = make([]WorkHour, 0, d.hourGuess)
	}
	list, slab, err := jsonwire.AppendList(&d.Decoder, d.hourSlab, func(v *WorkHour) error {
		_, err := d.workHourInto(v)
		return err
	})
	d.hourSlab = slab
	return list, err
}

// intList reads an []int field into the task's slab of ints, each element
// with the int rule.
func (d *decoder) intList() ([]int, error) {
	if d.intSlab == nil && d.intGuess > 0 {
		d.intSlab = make([]int, 0, d.intGuess)
	}
	list, slab, err := jsonwire.AppendList(&d.Decoder, d.intSlab, func(v *int) (err error) {
		*v, err = d.ReadInt()
		return err
	})
	d.intSlab = slab
	return list, err
}
