#include "window/recovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>
#include <cerrno>
#include <csignal>

#include "document/document.h"

namespace {

constexpr int kDefaultIntervalMs = 30000;

int interval(int requested) {
  if (requested > 0) return requested;
  bool ok = false;
  const int env = qEnvironmentVariableIntValue("ARCHBENCH_AUTOSAVE_MS", &ok);
  return ok && env > 0 ? env : kDefaultIntervalMs;
}

bool running(qint64 pid) {
  if (pid <= 0) return false;
  if (pid == QCoreApplication::applicationPid()) return true;
  // Signal 0 checks that the process exists; EPERM means it does but belongs to someone else.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

Recovery::Recovery(Document* doc, QObject* parent, int intervalMs) : QObject(parent), doc_(doc) {
  timer_.setInterval(interval(intervalMs));
  connect(&timer_, &QTimer::timeout, this, [this] { writeNow(); });
  connect(doc_, &Document::modifiedChanged, this, [this](bool modified) {
    if (modified) {
      if (!timer_.isActive()) timer_.start();
    } else {
      timer_.stop();
      discard();  // saved (or a clean project opened): nothing to recover
    }
  });
}

// A normal end (closed, quit, or the unsaved changes discarded) leaves nothing to recover.
Recovery::~Recovery() { discard(); }

QString Recovery::folder() {
  return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/recovery");
}

QString Recovery::ownFile() const {
  return folder() + QStringLiteral("/%1.archbench.json").arg(QCoreApplication::applicationPid());
}

bool Recovery::writeNow() {
  if (!doc_->isModified()) return false;
  if (!QDir().mkpath(folder())) return false;
  QString error;
  if (!doc_->writeCopy(ownFile(), &error)) return false;
  QJsonObject meta{{"original", doc_->path()},
                   {"name", doc_->displayName()},
                   {"saved", QDateTime::currentDateTime().toString(Qt::ISODate)},
                   {"pid", QCoreApplication::applicationPid()}};
  QSaveFile side(folder() + QStringLiteral("/%1.meta.json").arg(QCoreApplication::applicationPid()));
  if (!side.open(QIODevice::WriteOnly)) return false;
  side.write(QJsonDocument(meta).toJson());
  return side.commit();
}

void Recovery::discard() {
  QFile::remove(ownFile());
  QFile::remove(folder() + QStringLiteral("/%1.meta.json").arg(QCoreApplication::applicationPid()));
}

QList<Recovery::Entry> Recovery::orphans() {
  QList<Entry> out;
  const QDir dir(folder());
  for (const QFileInfo& f : dir.entryInfoList({QStringLiteral("*.meta.json")}, QDir::Files)) {
    Entry e;
    e.meta = f.absoluteFilePath();
    e.pid = f.fileName().section('.', 0, 0).toLongLong();
    e.file = dir.absoluteFilePath(QStringLiteral("%1.archbench.json").arg(e.pid));
    if (running(e.pid) || !QFileInfo::exists(e.file)) continue;
    QFile m(e.meta);
    if (!m.open(QIODevice::ReadOnly)) continue;
    const QJsonObject o = QJsonDocument::fromJson(m.readAll()).object();
    e.original = o.value("original").toString();
    e.name = o.value("name").toString();
    e.saved = QDateTime::fromString(o.value("saved").toString(), Qt::ISODate);
    if (e.name.isEmpty()) e.name = e.original.isEmpty() ? QObject::tr("Untitled") : QFileInfo(e.original).fileName();
    out << e;
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.saved > b.saved; });
  return out;
}

void Recovery::remove(const Entry& e) {
  QFile::remove(e.file);
  QFile::remove(e.meta);
}
