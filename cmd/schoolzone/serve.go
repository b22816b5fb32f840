package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"schoolzone/internal/backup"
	"schoolzone/internal/demo"
	"schoolzone/internal/domain"
	"schoolzone/internal/i18n"
	"schoolzone/internal/mail"
	"schoolzone/internal/replies"
	"schoolzone/internal/showcase"
	"schoolzone/internal/store"
	"schoolzone/internal/web"
)

// drainTimeout is how long in-flight requests get to finish on shutdown.
const drainTimeout = 10 * time.Second

// replyPollInterval is how often the organizer's mailbox is read for
// calendar replies: often enough for the showcase page to be current
// within minutes, rarely enough not to bother the mail server.
const replyPollInterval = 2 * time.Minute

func runServe(ctx context.Context, args []string, e env) error {
	cfg, err := parseServe(args, e)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, e, nil)
}

// serve runs the app until ctx is cancelled (SIGINT or SIGTERM), then
// drains requests and stops the mail sender. listening, if not nil, is told
// the bound address: tests listen on port 0.
func serve(ctx context.Context, cfg serveConfig, e env, listening func(net.Addr)) error {
	log := e.logger()
	var smtp *mail.SMTPConfig
	if cfg.SMTP != "" {
		c, err := mail.ParseSMTPURL(cfg.SMTP)
		if err != nil {
			return err
		}
		smtp = &c
	}
	var imapCfg *mail.IMAPConfig
	if cfg.IMAP != "" {
		c, err := mail.ParseIMAPURL(cfg.IMAP)
		if err != nil {
			return err
		}
		imapCfg = &c
	}
	org, err := parseOrganizer(cfg.Organizer)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	var logins []web.DemoLogin
	if cfg.Demo {
		if logins, err = loadDemo(ctx, st, log); err != nil {
			return err
		}
	}
	if org.Email == "" && len(logins) > 0 {
		org = demo.Organizer()
	}
	cat, err := i18n.Load()
	if err != nil {
		return fmt.Errorf("load messages: %w", err)
	}
	h, err := web.New(web.Config{BaseURL: cfg.BaseURL, SecureCookies: cfg.SecureCookies, Demo: len(logins) > 0, DemoLogins: logins,
		Organizer: org, BehindProxy: cfg.BehindProxy, NoPageCache: cfg.FreshPages}, st, cat, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute, // documents are rendered on request
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "demo", len(logins) > 0, "smtp", smtp != nil, "imap", imapCfg != nil,
		"secure_cookies", cfg.SecureCookies, "organizer_set", org.Email != "")
	if listening != nil {
		listening(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	senderCtx, stopSender := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	if smtp != nil {
		sender := &mail.Sender{Queue: st, Transport: mail.NewSMTP(*smtp), Log: log}
		wg.Go(func() {
			if err := sender.Run(senderCtx); err != nil {
				log.Error("mail sender stopped", "error", err.Error())
			}
		})
	} else {
		log.Info("no --smtp: invitations stay queued in the outbox")
	}
	// Reminders a week before each showcase, checked hourly; without
	// SMTP they wait in the outbox like everything else.
	reminders := &showcase.Service{Scope: domain.Unrestricted, Store: st, Cat: cat, BaseURL: cfg.BaseURL, Organizer: org}
	wg.Go(func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			reminders.RemindAll(senderCtx, log)
			select {
			case <-senderCtx.Done():
				return
			case <-t.C:
			}
		}
	})
	if imapCfg != nil {
		reader := &replies.Reader{Config: *imapCfg, Store: st, Log: log}
		wg.Go(func() { reader.Run(senderCtx, replyPollInterval) })
	}
	if cfg.BackupDir != "" {
		sched := backup.Schedule{Copier: st, Dir: cfg.BackupDir, Every: cfg.BackupEvery, Keep: cfg.BackupKeep, Log: log, Now: time.Now}
		wg.Go(func() { sched.Run(senderCtx) })
	}
	if cfg.RetentionMonths > 0 {
		wg.Go(func() { runRetentionDaily(senderCtx, st, cfg.RetentionMonths, log) })
	}
	defer func() { stopSender(); wg.Wait() }()

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "drain", drainTimeout.String())
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), drainTimeout)
	defer cancel()
	if err := srv.Shutdown(drain); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// loadDemo loads the demo into an empty database. On a database that
// already has data it shows the demo logins only if the demo put them
// there, so --demo on a real database changes and reveals nothing.
func loadDemo(ctx context.Context, st *store.Store, log *slog.Logger) ([]web.DemoLogin, error) {
	logins, err := demo.Load(ctx, st, time.Now())
	switch {
	case errors.Is(err, demo.ErrNotEmpty):
		if logins, err = demo.ExistingLogins(ctx, st); err != nil {
			return nil, err
		}
		if len(logins) == 0 {
			log.Warn("--demo ignored: the database already holds other data")
		} else {
			log.Info("demo already loaded")
		}
	case err != nil:
		return nil, err
	default:
		log.Info("demo loaded")
	}
	out := make([]web.DemoLogin, len(logins))
	for i, l := range logins {
		out[i] = web.DemoLogin{Role: string(l.Role), Email: l.Email, Password: l.Password}
	}
	return out, nil
}
