package main

import (
	"database/sql"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"schoolzone/internal/testutil"
)

// On the demo, a family whose parent was released long ago is due: a dry
// run lists it and changes nothing, the real run erases it, and erasing on
// request needs the reference twice. The safeguards hold throughout.
func TestRetentionAndEraseCommands(t *testing.T) {
	db := tempDB(t)
	require.Equal(t, exitOK, runWith(t, nil, "", "demo", "--db", db).code)
	raw, err := sql.Open("sqlite", "file:"+db)
	require.NoError(t, err)
	defer raw.Close()
	var ref string
	require.NoError(t, raw.QueryRow(`SELECT ref FROM families WHERE id NOT IN (SELECT family_id FROM event_families) ORDER BY id LIMIT 1`).Scan(&ref))
	_, err = raw.Exec(`UPDATE families SET parent_status = 'released', release_date = '2020-01-01' WHERE ref = ?`, ref)
	require.NoError(t, err)
	name := func() string {
		var n string
		require.NoError(t, raw.QueryRow(`SELECT parent_name FROM families WHERE ref = ?`, ref).Scan(&n))
		return n
	}
	released := map[string]bool{}
	rows, err := raw.Query(`SELECT ref FROM families WHERE parent_status = 'released'`)
	require.NoError(t, err)
	for rows.Next() {
		var r string
		require.NoError(t, rows.Scan(&r))
		released[r] = true
	}
	require.NoError(t, rows.Err())

	var got struct {
		DryRun bool     `json:"dry_run"`
		Erased []string `json:"erased"`
	}
	r := runWith(t, nil, "", "retention", "--db", db, "--dry-run")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	assert.True(t, got.DryRun)
	assert.Contains(t, got.Erased, ref)
	for _, e := range got.Erased {
		assert.True(t, released[e], "%s is listed though its parent is not released", e)
	}
	assert.NotEmpty(t, name(), "a dry run erases nothing")

	r = runWith(t, nil, "", "retention", "--db", db)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, name())
	assert.Equal(t, exitOK, runWith(t, nil, "", "check", "--db", db).code)

	var other string
	require.NoError(t, raw.QueryRow(`SELECT ref FROM families WHERE erased_at IS NULL AND id NOT IN
		(SELECT family_id FROM event_families ef JOIN events e ON e.id = ef.event_id WHERE e.status NOT IN ('held','cancelled') AND ef.status IN ('allocated','confirmed')) LIMIT 1`).Scan(&other))
	r = runWith(t, nil, "", "erase", "--db", db, "--family", other)
	assert.Equal(t, exitUsage, r.code, "no confirmation")
	r = runWith(t, nil, "", "erase", "--db", db, "--family", other, "--confirm", other)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "erased "+other+"\n", r.stdout)
	assert.Equal(t, exitOK, runWith(t, nil, "", "check", "--db", db).code)

	var seated string
	require.NoError(t, raw.QueryRow(`SELECT f.ref FROM families f JOIN event_families ef ON ef.family_id = f.id JOIN events e ON e.id = ef.event_id
		WHERE e.status NOT IN ('held','cancelled') AND ef.status IN ('allocated','confirmed') LIMIT 1`).Scan(&seated))
	r = runWith(t, nil, "", "erase", "--db", db, "--family", seated, "--confirm", seated)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "take the family out of it first")
}

// access prints one person's data as JSON and refuses a person the family
// does not have.
func TestAccessCommand(t *testing.T) {
	db := tempDB(t)
	require.Equal(t, exitOK, runWith(t, nil, "", "demo", "--db", db).code)
	raw, err := sql.Open("sqlite", "file:"+db)
	require.NoError(t, err)
	defer raw.Close()
	var ref, parent, child string
	var childID int64
	require.NoError(t, raw.QueryRow(`SELECT f.ref, f.parent_name, c.id, c.first_name FROM families f JOIN children c ON c.family_id = f.id ORDER BY f.id LIMIT 1`).Scan(&ref, &parent, &childID, &child))

	r := runWith(t, nil, "", "access", "--db", db, "--family", ref, "--person", "parent")
	require.Equal(t, exitOK, r.code, r.stderr)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	assert.Equal(t, parent, got["record"].(map[string]any)["name"])
	assert.NotContains(t, r.stdout, child, "the parent's export names no child")

	pdf := filepath.Join(t.TempDir(), "child.pdf")
	r = runWith(t, nil, "", "access", "--db", db, "--family", ref, "--person", "child:"+strconv.FormatInt(childID, 10), "--pdf", pdf, "--lang", "cy")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, child)
	text, err := exec.Command(testutil.NeedTool(t, "pdftotext", "poppler-utils"), pdf, "-").CombinedOutput()
	require.NoError(t, err, "%s", text)
	assert.Contains(t, string(text), "Gwybodaeth rydym")
	assert.Contains(t, string(text), child)
	assert.NotContains(t, string(text), parent)
	assert.NotContains(t, r.stdout, parent)

	assert.Equal(t, exitError, runWith(t, nil, "", "access", "--db", db, "--family", ref, "--person", "child:99999").code)
	assert.Equal(t, exitUsage, runWith(t, nil, "", "access", "--db", db, "--family", ref, "--person", "uncle").code)
}
