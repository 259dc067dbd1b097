// GUI tests for autosave and recovery (window/recovery.h): a real ArchBench process with unsaved
// changes is killed, and the next start offers its recovery file and restores the unsaved state;
// Not Now keeps it and Discard removes it; saving or closing normally leaves nothing to recover.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "document/document.h"
#include "gui_fixture.h"
#include "window/recovery.h"

using namespace gui_fixture;

class TestRecovery : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void killedProcessIsRecoveredAtTheNextStart();
  void declinedRecoveryIsKeptOrRemoved();
  void savingLeavesNothingToRecover();

 private:
  QTemporaryDir home_;
  // Runs the app on the blog preset with a fault from the command line (an undo step: the
  // document differs from its file), waits for its autosave, then kills it (SIGKILL).
  void crashWithUnsavedChanges();
};

void TestRecovery::initTestCase() {
  QVERIFY(home_.isValid());
  // The app's own names, so the recovery folder is the app's, under a data folder of our own.
  QCoreApplication::setOrganizationName("ArchBench");
  QCoreApplication::setApplicationName("ArchBench");
  qputenv("XDG_DATA_HOME", QFile::encodeName(home_.filePath("data")));
  qputenv("XDG_CONFIG_HOME", QFile::encodeName(home_.filePath("config")));
  QVERIFY(Recovery::folder().startsWith(home_.path()));
}

void TestRecovery::crashWithUnsavedChanges() {
  QProcess app;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("XDG_DATA_HOME", home_.filePath("data"));
  env.insert("XDG_CONFIG_HOME", home_.filePath("config"));
  env.insert("QT_QPA_PLATFORM", "offscreen");
  env.insert("ARCHBENCH_AUTOSAVE_MS", "100");
  app.setProcessEnvironment(env);
  app.start(ARCHBENCH_APP_PATH, {preset("blog.archbench.json"), "--fault", "crash:db",
                                 "--catalog", ARCHBENCH_TEST_CATALOG_DIR});
  QVERIFY(app.waitForStarted());
  const QString file = Recovery::folder() + QStringLiteral("/%1.archbench.json").arg(app.processId());
  QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file) && QFile::exists(QString(file).replace(".archbench.json", ".meta.json")),
                           20000);
  app.kill();  // no closeEvent, no destructor: what a crash leaves
  QVERIFY(app.waitForFinished());
  QVERIFY(QFile::exists(file));
}

void TestRecovery::killedProcessIsRecoveredAtTheNextStart() {
  crashWithUnsavedChanges();
  QCOMPARE(Recovery::orphans().size(), 1);
  const Recovery::Entry left = Recovery::orphans().front();
  QCOMPARE(left.original, preset("blog.archbench.json"));

  Window win;
  QStringList asked;
  win.w.askRecover = [&](const QString& q) {
    asked << q;
    return QMessageBox::Save;
  };
  QVERIFY(win.w.offerRecovery());
  QCOMPARE(asked.size(), 1);
  QVERIFY2(asked.front().contains("blog.archbench.json"), qPrintable(asked.front()));
  Document* doc = win.w.document();
  // The unsaved state: the latest version with the command line's fault, not yet saved, and
  // the original file as where Save writes.
  QCOMPARE(doc->path(), preset("blog.archbench.json"));
  QVERIFY(doc->isModified());
  QCOMPARE(doc->version().faults.size(), std::size_t{1});
  QCOMPARE(QString::fromStdString(doc->version().faults.front().component), QStringLiteral("db"));
  // The dead process's files are gone: this process autosaves from now on.
  QVERIFY(!QFile::exists(left.file));
  QVERIFY(!QFile::exists(left.meta));
  QVERIFY(Recovery::orphans().isEmpty());
}

void TestRecovery::declinedRecoveryIsKeptOrRemoved() {
  crashWithUnsavedChanges();
  const Recovery::Entry left = Recovery::orphans().front();
  {
    // Not Now keeps the file for the next start.
    Window win;
    win.w.askRecover = [](const QString&) { return QMessageBox::Cancel; };
    QVERIFY(!win.w.offerRecovery());
    QVERIFY(QFile::exists(left.file));
    QVERIFY(!win.w.document()->isModified());
  }
  // Discard deletes it.
  Window win;
  win.w.askRecover = [](const QString&) { return QMessageBox::Discard; };
  QVERIFY(!win.w.offerRecovery());
  QVERIFY(!QFile::exists(left.file));
  QVERIFY(!QFile::exists(left.meta));
  QVERIFY(Recovery::orphans().isEmpty());
}

void TestRecovery::savingLeavesNothingToRecover() {
  Window win;
  Document* doc = win.w.document();
  QVERIFY(win.w.openFile(preset("blog.archbench.json")));
  archbench::Fault crash;
  crash.component = "db";
  doc->setFaults({crash}, "crash db");  // an undo step: unsaved changes
  QVERIFY(doc->isModified());
  QVERIFY(win.w.recovery()->writeNow());
  QVERIFY(QFile::exists(win.w.recovery()->ownFile()));
  QTemporaryDir out;
  QVERIFY(win.w.saveFile(out.filePath("saved.archbench.json")));
  QVERIFY(!QFile::exists(win.w.recovery()->ownFile()));
}

QTEST_MAIN(TestRecovery)
#include "test_recovery.moc"
