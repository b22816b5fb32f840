// Package templates embeds the HTML templates and static files so the binary
// is self-contained.
package templates

import "embed"

// FS holds layout.html, pages/*.html and static/*.
//
//go:embed layout.html pages/*.html static/*
var FS embed.FS
