// GUI test: the project can be named in the app (the properties' version view), as one undo
// step, shown in the title bar; a blank name is refused and the field shows the name kept.
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "document/document.h"
#include "editors/propertyeditor.h"
#include "gui_fixture.h"

using namespace gui_fixture;

class TestProjectName : public QObject {
  Q_OBJECT

 private slots:
  void projectIsNamedInTheVersionViewAsOneUndoStep();
  void titleNamesTheProjectOnceAndItsFileWhenItHasOne();
  void aLongNameShowsItsStart();
};

void TestProjectName::projectIsNamedInTheVersionViewAsOneUndoStep() {
  Window win;
  Document* doc = win.w.document();
  auto* field = win.w.propertyEditor()->findChild<QLineEdit*>("projectName");
  QVERIFY(field);
  const std::string before = doc->project().name;
  QCOMPARE(field->text(), QString::fromStdString(before));
  field->setFocus();
  field->selectAll();
  QTest::keyClicks(field, "Shop backend");
  QTest::keyClick(field, Qt::Key_Return);
  QCOMPARE(doc->project().name, std::string("Shop backend"));
  QVERIFY(win.w.windowTitle().contains("Shop backend"));
  QVERIFY(doc->isModified());
  QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Rename project to Shop backend"));
  // A blank name is refused, with the reason, and the field shows the name kept.
  QSignalSpy refused(doc, &Document::editRefused);
  field->selectAll();
  QTest::keyClicks(field, "   ");
  QTest::keyClick(field, Qt::Key_Return);
  QCOMPARE(refused.count(), 1);
  QCOMPARE(doc->project().name, std::string("Shop backend"));
  QCOMPARE(field->text(), QStringLiteral("Shop backend"));
  // One undo goes back to the name before.
  doc->undoStack()->undo();
  QCOMPARE(doc->project().name, before);
  QCOMPARE(field->text(), QString::fromStdString(before));
}

// A name longer than the field shows its first words, not its last ("log platform from…").
void TestProjectName::aLongNameShowsItsStart() {
  Window win;
  Document* doc = win.w.document();
  QVERIFY(doc->setProjectName(QStringLiteral("Grow a blog platform from 10K to 100K daily users and beyond")));
  win.w.setFocus();
  QApplication::processEvents();
  auto* field = win.w.propertyEditor()->findChild<QLineEdit*>("projectName");
  QVERIFY(field);
  QCOMPARE(field->text(), QString::fromStdString(doc->project().name));
  QCOMPARE(field->cursorPosition(), 0);
}

// A new project's title is its name once ("Untitled — Untitled" said nothing); once saved, the
// file's name follows the project's, and Save As offers a file name made from the
// project's name.
void TestProjectName::titleNamesTheProjectOnceAndItsFileWhenItHasOne() {
  Window win;
  Document* doc = win.w.document();
  QCOMPARE(win.w.windowTitle(), QStringLiteral("Untitled[*] — ArchBench"));
  doc->setProjectName(QStringLiteral("URL shortener"));
  QCOMPARE(win.w.windowTitle(), QStringLiteral("URL shortener[*] — ArchBench"));
  // Save As offers a file name made from the project's name, then the file's own path.
  // Found by hand: the dialog opened in the program's working folder (a source tree). The
  // suggestion is an absolute path: Documents (or home) before anything was saved, then the
  // folder of the last project saved.
  const QFileInfo first(win.w.suggestedPath());
  QCOMPARE(first.fileName(), QStringLiteral("url-shortener.archbench.json"));
  QVERIFY(first.isAbsolute());
  QVERIFY(first.absolutePath() != QDir::currentPath() || QDir::currentPath() == QDir::homePath());
  QTemporaryDir dir;
  QVERIFY(win.w.saveFile(dir.filePath(QStringLiteral("short.archbench.json"))));
  Window second;
  second.w.document()->setProjectName(QStringLiteral("Next one"));
  QCOMPARE(second.w.suggestedPath(), dir.filePath(QStringLiteral("next-one.archbench.json")));
  QCOMPARE(win.w.windowTitle(), QStringLiteral("URL shortener — short.archbench.json[*] — ArchBench"));
}

QTEST_MAIN(TestProjectName)
#include "test_project_name.moc"
