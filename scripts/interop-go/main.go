// Checks Tenfold's signed-log files with Go's golang.org/x/mod/sumdb/note and sumdb/tlog, the
// implementation behind Go's checksum database, which reads the same formats (signed notes, the
// RFC 6962 tree and its proofs). No Tenfold code: see docs/audit.md, "Checking with other tools".
//
// Usage: go run main.go -vkey KEY -leaves FILE -checkpoint FILE [-skey FILE] [-old FILE
// -consistency FILE] [PROOF.tlog-proof ...]. The leaves file holds the sealed text of each event
// of the checkpoint's stream, one a line, in revision order. Exits 1 at the first check that fails.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var checks = 0

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "go interop: "+format+"\n", args...)
	os.Exit(1)
}

func pass(format string, args ...interface{}) {
	checks++
	fmt.Printf("ok  "+format+"\n", args...)
}

func read(file string) []byte {
	data, err := os.ReadFile(file)
	if err != nil {
		fail("%v", err)
	}
	return data
}

// checkpoint opens a checkpoint note with the log's key and reads its three lines.
func checkpoint(file string, msg []byte, verifiers note.Verifiers) (origin string, size int64, root tlog.Hash) {
	n, err := note.Open(msg, verifiers)
	if err != nil {
		fail("%s: note.Open: %v", file, err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) != 3 {
		fail("%s: a checkpoint's text has 3 lines, this one %d", file, len(lines))
	}
	size, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("%s: size: %v", file, err)
	}
	root, err = tlog.ParseHash(lines[2])
	if err != nil {
		fail("%s: root: %v", file, err)
	}
	pass("%s opens with the log's key (%d signatures, %d by keys Go does not know): %s, size %d", file, len(n.Sigs), len(n.UnverifiedSigs), lines[0], size)
	return lines[0], size, root
}

// hashesThen reads base64 hash lines up to the first empty line; the rest is a checkpoint note.
func hashesThen(file string, lines []string) ([]tlog.Hash, []byte) {
	var hashes []tlog.Hash
	for i, line := range lines {
		if line == "" {
			return hashes, []byte(strings.Join(lines[i+1:], "\n"))
		}
		h, err := tlog.ParseHash(line)
		if err != nil {
			fail("%s: hash line %q: %v", file, line, err)
		}
		hashes = append(hashes, h)
	}
	fail("%s: no empty line before the checkpoint", file)
	return nil, nil
}

func same(a, b []tlog.Hash) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func main() {
	vkey := flag.String("vkey", "", "the log's verifier key")
	skey := flag.String("skey", "", "the log's signer key file: Go signs the checkpoint's text again and must write the same bytes")
	leavesFile := flag.String("leaves", "", "the sealed texts of the stream's events, one a line")
	checkpointFile := flag.String("checkpoint", "", "a checkpoint signed by the log alone")
	oldFile := flag.String("old", "", "an older checkpoint, for -consistency")
	consistencyFile := flag.String("consistency", "", "a consistency proof (add-checkpoint body) from -old")
	flag.Parse()

	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fail("note.NewVerifier: %v", err)
	}
	verifiers := note.VerifierList(verifier)

	// Go's own tree over the leaves: its stored hashes, then its root at any size.
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = stored[x]
		}
		return out, nil
	})
	var leaves [][]byte
	scanner := bufio.NewScanner(bytes.NewReader(read(*leavesFile)))
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		leaf := append([]byte(nil), scanner.Bytes()...)
		hashes, err := tlog.StoredHashes(int64(len(leaves)), leaf, reader)
		if err != nil {
			fail("tlog.StoredHashes: %v", err)
		}
		stored = append(stored, hashes...)
		leaves = append(leaves, leaf)
	}

	msg := read(*checkpointFile)
	_, size, root := checkpoint(*checkpointFile, msg, verifiers)
	if size > int64(len(leaves)) {
		fail("%s: size %d, but the leaves file holds %d", *checkpointFile, size, len(leaves))
	}
	goRoot, err := tlog.TreeHash(size, reader)
	if err != nil || goRoot != root {
		fail("%s: Go's tree hash of the first %d leaves is %v, the checkpoint's root %v", *checkpointFile, size, goRoot, root)
	}
	pass("tlog.TreeHash of the first %d leaves equals the checkpoint's root", size)

	if *skey != "" {
		signer, err := note.NewSigner(strings.TrimSpace(string(read(*skey))))
		if err != nil {
			fail("note.NewSigner: %v", err)
		}
		text := string(msg[:bytes.Index(msg, []byte("\n\n"))+1])
		again, err := note.Sign(&note.Note{Text: text}, signer)
		if err != nil || !bytes.Equal(again, msg) {
			fail("%s: note.Sign with the log's signer key writes other bytes", *checkpointFile)
		}
		pass("note.Sign with the log's signer key writes %s byte for byte", *checkpointFile)
	}

	for _, file := range flag.Args() {
		lines := strings.Split(string(read(file)), "\n")
		if len(lines) < 3 || lines[0] != "c2sp.org/tlog-proof@v1" || !strings.HasPrefix(lines[1], "index ") {
			fail("%s: not a tlog-proof v1", file)
		}
		index, err := strconv.ParseInt(strings.TrimPrefix(lines[1], "index "), 10, 64)
		if err != nil || index >= int64(len(leaves)) {
			fail("%s: index %q", file, lines[1])
		}
		path, cp := hashesThen(file, lines[2:])
		_, t, th := checkpoint(file, cp, verifiers)
		if err := tlog.CheckRecord(path, t, th, index, tlog.RecordHash(leaves[index])); err != nil {
			fail("%s: tlog.CheckRecord: %v", file, err)
		}
		goPath, err := tlog.ProveRecord(t, index, reader)
		if err != nil || !same(goPath, path) {
			fail("%s: tlog.ProveRecord gives another path", file)
		}
		pass("%s: tlog.CheckRecord holds for leaf %d of %d, and tlog.ProveRecord gives the same %d hashes", file, index, t, len(path))
	}

	if *consistencyFile != "" {
		_, m, oldRoot := checkpoint(*oldFile, read(*oldFile), verifiers)
		lines := strings.Split(string(read(*consistencyFile)), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[0], "old ") || lines[0] != fmt.Sprintf("old %d", m) {
			fail("%s: first line %q, expected \"old %d\"", *consistencyFile, lines[0], m)
		}
		path, cp := hashesThen(*consistencyFile, lines[1:])
		_, n, newRoot := checkpoint(*consistencyFile, cp, verifiers)
		if err := tlog.CheckTree(path, n, newRoot, m, oldRoot); err != nil {
			fail("%s: tlog.CheckTree: %v", *consistencyFile, err)
		}
		goPath, err := tlog.ProveTree(n, m, reader)
		if err != nil || !same(goPath, path) {
			fail("%s: tlog.ProveTree gives another path", *consistencyFile)
		}
		pass("%s: tlog.CheckTree holds from size %d to %d, and tlog.ProveTree gives the same %d hashes", *consistencyFile, m, n, len(path))
	}
	fmt.Printf("go interop: %d checks passed\n", checks)
}
