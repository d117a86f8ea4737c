package agentapitest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A generated task rendered from the settings settingsOf derives must be
// byte for byte what appendTask writes: a changed task keeps the seed's shape.
func TestLifeRenderingMatchesGenerated(t *testing.T) {
	f := NewFake(WithTasks("u", 60))
	a := f.accounts["u"]
	for i := range a.tasks {
		tk := a.tasks[i]
		want := string(appendTask(nil, a, &tk))
		tk.life = settingsOf(&tk)
		require.Equal(t, want, string(appendTask(nil, a, &tk)), "task %d", tk.seq)
	}
}

// A created task's number is the next whose remainder by 4 is its owner,
// so that the list's owner and sub_user_id filter (seq%4) hold.
func TestLifeOwnerNumbering(t *testing.T) {
	a := newAccount("u")
	a.next = 5
	var seqs []int
	for _, owner := range []int{0, 3, 3, 1} {
		seqs = append(seqs, addLifeTask(a, owner, &settings{name: "x"}).seq)
	}
	require.Equal(t, []int{8, 11, 15, 17}, seqs)
	require.Equal(t, 18, a.next)
}
