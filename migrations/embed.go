// Package migrations embeds the SQL migrations so the binary carries its own
// schema; goose applies them in order on start.
package migrations

import "embed"

// FS holds every NNNN_name.sql file in this directory.
//
//go:embed *.sql
var FS embed.FS
