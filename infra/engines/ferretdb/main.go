// Command rapport-ferretdb runs FerretDB v1 (MongoDB wire protocol) with its SQLite backend
// on a loopback port, for tests. It embeds github.com/FerretDB/FerretDB/ferretdb instead of
// building FerretDB's own cmd/ferretdb, whose `go install` build panics at start-up without
// the generated build/version/version.txt (FerretDB issues 2982, 4889).
//
// Started and stopped by infra/engines/ferretdb.sh; runs until SIGTERM or SIGINT.
package main

import (
	"context"
	"flag"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27018", "TCP address to listen on")
	dataDir := flag.String("data-dir", "ferretdb-data", "directory holding the SQLite database files")
	debug := flag.Bool("debug", false, "log at debug level")
	flag.Parse()

	level := slog.LevelInfo
	if *debug {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	dir, err := filepath.Abs(*dataDir)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		logger.Error("cannot prepare data dir", "dir", *dataDir, "error", err)
		os.Exit(1)
	}
	// The SQLite backend wants a directory URI ending with "/": one database file per MongoDB database.
	sqliteURL := (&url.URL{Scheme: "file", Path: dir + "/"}).String()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		logger.Error("cannot start FerretDB", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	logger.Info("FerretDB listening", "uri", f.MongoDBURI(), "sqlite", sqliteURL)

	if err := <-done; err != nil {
		logger.Error("FerretDB stopped with error", "error", err)
		os.Exit(1)
	}
	logger.Info("FerretDB stopped")
}
