package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunCampaign(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, &out))
	for _, want := range []string{
		`created "November renewals": paused`,
		"among the paused tasks: true\n",
		"update while running refused: true\n",
		"paused and updated: paused, 10 lines at once\n",
		`copied as "November renewals-副本"`,
		"deleted both: true\n",
	} {
		assert.Contains(t, out.String(), want)
	}
}
