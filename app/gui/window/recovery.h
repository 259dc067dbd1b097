#pragma once
// Nothing lost: while the document has unsaved changes it is written every few seconds to a
// recovery file of this process (in the app's data folder, recovery/PID.archbench.json, with
// PID.meta.json naming the file it belongs to). Saving or closing removes it; a crash or a kill
// leaves it, and the next start offers to recover it.
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

class Document;

class Recovery : public QObject {
  Q_OBJECT

 public:
  // Autosaves `doc` every `intervalMs` (default: $ARCHBENCH_AUTOSAVE_MS, else 30 s).
  explicit Recovery(Document* doc, QObject* parent = nullptr, int intervalMs = -1);
  ~Recovery() override;

  struct Entry {
    QString file;      // the recovery project file
    QString meta;      // its sidecar
    QString original;  // the file it is the unsaved state of; empty: untitled
    QString name;      // what the title bar showed
    QDateTime saved;
    qint64 pid = 0;
  };
  static QString folder();
  // Recovery files left by processes that are no longer running, newest first.
  static QList<Entry> orphans();
  static void remove(const Entry& e);

  QString ownFile() const;
  bool writeNow();  // when the document has unsaved changes; true when written
  void discard();   // removes this process's recovery file

 private:
  Document* doc_;
  QTimer timer_;
};
