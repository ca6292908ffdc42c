//go:build tools

// Package tools pins kwok, which simulates nodes and running pods for the
// k8s-ops local control plane.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
