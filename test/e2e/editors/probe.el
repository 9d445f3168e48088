;; -*- lexical-binding: t -*-
;; Run by test/e2e/editors.test.ts in Emacs batch mode: opens lms.yml (eglot starts through the
;; docs/editors.md snippet), waits for flymake diagnostics, asks for a hover and completes a typed
;; key through completion-at-point, writes JSON to $PROBE_OUT.
(require 'json)
(find-file (expand-file-name "lms.yml" default-directory))
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 30)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)
    (run-hooks 'post-command-hook)))
(let* ((diags (mapcar (lambda (d)
                        (let ((beg (flymake-diagnostic-beg d)))
                          (list (cons 'line (line-number-at-pos beg))
                                (cons 'col (save-excursion (goto-char beg) (1+ (current-column))))
                                (cons 'type (symbol-name (flymake-diagnostic-type d)))
                                (cons 'message (flymake-diagnostic-text d)))))
                      (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
       (server (eglot-current-server))
       (hover (and server (jsonrpc-request server :textDocument/hover
                                           (list :textDocument (eglot--TextDocumentIdentifier)
                                                 :position (list :line 9 :character 2))))))
  ;; Completion through Emacs's own API: a key typed on a new last line, eglot's
  ;; completion-at-point function, and the candidates its table gives for what was typed.
  (goto-char (point-max))
  (unless (bolp) (insert "\n"))
  (insert "LMS_RO")
  (eglot--signal-textDocument/didChange)
  (let* ((capf (eglot-completion-at-point))
         (candidates (and capf (all-completions (buffer-substring-no-properties (nth 0 capf) (nth 1 capf)) (nth 2 capf)))))
    (with-temp-file (getenv "PROBE_OUT")
      (insert (json-encode (list (cons 'diagnostics (vconcat diags))
                                 (cons 'hover (and hover (plist-get (plist-get hover :contents) :value)))
                                 (cons 'completion (vconcat (mapcar #'substring-no-properties candidates)))))))))
(kill-emacs 0)
