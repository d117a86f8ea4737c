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

// A created task takes the account's next number, whatever its owner, and
// keeps its owner in the owner field, which the list's user_id and the
// sub_user_id filter read.
func TestLifeOwnerNumbering(t *testing.T) {
	a := newAccount("u")
	a.next = 5
	var seqs, owners []int
	for _, owner := range []int{0, 3, 3, 1} {
		tk := addLifeTask(a, owner, &settings{name: "x"})
		seqs, owners = append(seqs, tk.seq), append(owners, int(tk.owner))
	}
	require.Equal(t, []int{5, 6, 7, 8}, seqs)
	require.Equal(t, []int{0, 3, 3, 1}, owners)
	require.Equal(t, 9, a.next)
}
