// GUI editing tests for number fields: what is typed is applied as typed (with scientific
// notation and multipliers) or refused with the allowed range, never changed silently; and
// Ctrl+Z in a field undoes the document once the field holds no typing of its own.
#include <QAction>
#include <QCheckBox>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "document/document.h"
#include "editors/numberfield.h"
#include "editors/propertyeditor.h"
#include "gui_fixture.h"
#include "window/mainwindow.h"

using namespace gui_fixture;

namespace {

// The preset `file` opened at its version named `name`.
void open_at(Window& win, const char* file, const char* name) {
  QVERIFY(win.w.openFile(preset(file)));
  Document* doc = win.w.document();
  const auto& versions = doc->project().versions;
  for (int i = 0; i < static_cast<int>(versions.size()); ++i)
    if (versions[static_cast<std::size_t>(i)].name == name) doc->setVersionIndex(i);
  QApplication::processEvents();
}

double param(const Document* doc, const char* id, const char* name) {
  const auto& params = doc->component(id)->params;
  auto it = params.find(name);
  return it == params.end() ? qQNaN() : it->second.number;
}

}  // namespace

class GuiEditingFieldsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void the_number_parser_reads_what_was_typed_or_says_why_not() {
    using form::read_number;
    // Accepted as written.
    QCOMPARE(*read_number("1e6", "", 0, 1e12, 3, false).value, 1e6);
    QCOMPARE(*read_number("2k", "", 0, 1e12, 3, false).value, 2000.0);
    QCOMPARE(*read_number("1.5M", "", 0, 1e12, 3, false).value, 1.5e6);
    QCOMPARE(*read_number("95%", "", 0, 1, 3, false).value, 0.95);
    QCOMPARE(*read_number("40 ms", " ms", 0, 3.6e6, 3, false).value, 40.0);
    QCOMPARE(*read_number("1,000", "", 0, 1e6, 0, true).value, 1000.0);
    QCOMPARE(*read_number("0,5", "", 0, 1, 3, false).value, 0.5);  // a decimal comma
    // Refused, each with the allowed range in the sentence.
    for (const char* bad : {"-5", "2.5", "99999999", "0", "abc", "1e", "2x"}) {
      const form::Reading r = read_number(bad, "", 1, 10000, 0, true);
      QVERIFY2(!r.value, bad);
      QVERIFY2(r.problem.contains("from 1 to 10000"), qPrintable(r.problem));
    }
    for (const char* bad : {"0.95.5", "1.5", "-0.1", "150%"}) {
      const form::Reading r = read_number(bad, "", 0, 1, 3, false);
      QVERIFY2(!r.value, bad);
      QVERIFY2(r.problem.contains("from 0 to 1"), qPrintable(r.problem));
    }
    // The shorthand suggested fits the field: a percentage for a fraction, multipliers for
    // rates, none for a small count.
    QVERIFY(read_number("0.95.5", "", 0, 1, 3, false).problem.endsWith("(95% works too)."));
    QVERIFY(read_number("abc", " /s", 0, 1e12, 3, false).problem.endsWith("(1e6 and 2k work too)."));
    QVERIFY(read_number("abc", "", 1, 100, 0, true).problem.endsWith("from 1 to 100."));
    QVERIFY(!read_number("0.0005", "", 0, 10, 3, false).value);  // finer than the field keeps
    QVERIFY(!read_number("5%", "", 0, 100, 3, false).value);      // a percentage of what?
  }

  void an_instance_count_that_cannot_be_applied_is_shown_as_invalid_and_not_changed() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* instances = win.w.propertyEditor()->findChild<IntegerField*>("param_instances");
    QVERIFY(instances);
    QCOMPARE(instances->value(), 1);
    const int steps = doc->undoStack()->count();

    for (const char* bad : {"-5", "2.5", "99999999", "0"}) {
      type_into(instances, bad);
      // Nothing applied, nothing rewritten: the field still shows what was typed, framed red,
      // with a line under it that gives the range.
      QCOMPARE(doc->undoStack()->count(), steps);
      QVERIFY(doc->component("app")->params.count("instances") == 0 ||
              param(doc, "app", "instances") == 1.0);
      QCOMPARE(instances->text(), QString::fromLatin1(bad));
      QVERIFY2(instances->problem().contains("from 1 to 10000"), qPrintable(instances->problem()));
      auto* line = win.w.propertyEditor()->findChild<QLabel*>("param_instances_problem");
      QVERIFY(line);
      QVERIFY(line->isVisible());
      QCOMPARE(line->text().simplified(), instances->problem());  // broken into lines
    }
    // Leaving the field keeps the refused text too (no silent revert, no clamp).
    instances->clearFocus();
    QCOMPARE(instances->text(), QStringLiteral("0"));
    QCOMPARE(doc->undoStack()->count(), steps);

    // A valid entry, in any of the accepted spellings, is applied as typed and clears the mark.
    type_into(instances, "3");
    QCOMPARE(param(doc, "app", "instances"), 3.0);
    QVERIFY(instances->problem().isEmpty());
    QVERIFY(!win.w.propertyEditor()->findChild<QLabel*>("param_instances_problem")->isVisible());
    type_into(instances, "1e3");
    QCOMPARE(param(doc, "app", "instances"), 1000.0);
    type_into(instances, "2k");
    QCOMPARE(param(doc, "app", "instances"), 2000.0);
  }

  void a_refused_per_class_value_explains_itself_in_full() {
    Window win;
    open_blog_v1(win);
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* box = win.w.propertyEditor()->findChild<NumberField*>("param_service_ms:read_post");
    QVERIFY(box);
    QVERIFY(box->isVisible());  // blog V1's app names its classes
    type_into(box, "4O");  // a letter O for a zero
    QVERIFY(box->problem().startsWith(QStringLiteral("\"4O\" is not a number")));
    auto* line = win.w.propertyEditor()->findChild<QLabel*>("param_service_ms:read_post_problem");
    QVERIFY(line && line->isVisible());
    QApplication::processEvents();
    // In the form nested under the row, the whole sentence shows: no line cut off.
    const QRect needed = line->fontMetrics().boundingRect(
        QRect(0, 0, line->contentsRect().width(), 10000), Qt::TextWordWrap, line->text());
    QVERIFY2(needed.height() <= line->contentsRect().height(),
             qPrintable(QStringLiteral("%1 > %2").arg(needed.height()).arg(line->contentsRect().height())));
  }

  void a_hit_ratio_is_applied_as_typed_or_refused() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    const QString cache = doc->addComponent(QStringLiteral("cache"), QPointF(400, 300));
    win.w.scene()->selectComponents({cache});
    QApplication::processEvents();
    auto* hit = win.w.propertyEditor()->findChild<QDoubleSpinBox*>("param_hit_ratio");
    QVERIFY(hit);
    const int steps = doc->undoStack()->count();
    for (const char* bad : {"0.95.5", "1.5", "-1"}) {
      type_into(hit, bad);
      QCOMPARE(doc->undoStack()->count(), steps);
      QVERIFY(!doc->component(cache)->params.count("hit_ratio"));
      QCOMPARE(hit->text(), QString::fromLatin1(bad));
    }
    type_into(hit, "0.955");
    QCOMPARE(doc->component(cache)->params.at("hit_ratio").number, 0.955);
    // Found by hand: the undo text said "Change hit_ratio of Cache", the file's key.
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Change hit ratio of Cache"));
    type_into(hit, "95%");
    QCOMPARE(doc->component(cache)->params.at("hit_ratio").number, 0.95);
  }

  void ctrl_z_in_a_field_undoes_the_document_once_its_typing_is_committed() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* threads = win.w.propertyEditor()->findChild<QSpinBox*>("param_concurrency");
    QVERIFY(threads);
    QCOMPARE(threads->value(), 4);
    type_into(threads, "8");
    QCOMPARE(param(doc, "app", "concurrency"), 8.0);
    QCOMPARE(QApplication::focusWidget(), threads);

    // The field shows the model's value: Ctrl+Z is the document's Undo, and the field follows.
    QTest::keyClick(threads, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(param(doc, "app", "concurrency"), 4.0);
    QCOMPARE(threads->value(), 4);
    QCOMPARE(threads->text(), QStringLiteral("4"));
    QTest::keyClick(threads, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(param(doc, "app", "concurrency"), 8.0);
    QCOMPARE(threads->text(), QStringLiteral("8"));

    // Typing not yet committed is the field's own: Ctrl+Z takes it back, the model is untouched.
    const int steps = doc->undoStack()->count();
    QTest::keyClick(threads, Qt::Key_End);
    QTest::keyClicks(threads, "0");
    QCOMPARE(threads->text(), QStringLiteral("80"));
    QTest::keyClick(threads, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(threads->text(), QStringLiteral("8"));
    QCOMPARE(doc->undoStack()->count(), steps);
    QCOMPARE(param(doc, "app", "concurrency"), 8.0);
  }

  void a_link_fields_words_for_none_are_read_and_refusals_give_the_range() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    win.w.scene()->selectLink({"app", "db"});
    QApplication::processEvents();
    auto* bulkhead = win.w.propertyEditor()->findChild<IntegerField*>("link_bulkhead");
    auto* timeout = win.w.propertyEditor()->findChild<NumberField*>("link_timeout_ms");
    auto* latency = win.w.propertyEditor()->findChild<NumberField*>("link_latency_ms");
    QVERIFY(bulkhead && timeout && latency);
    // The words a field shows for "none" read back as that value, and are not refused.
    QCOMPARE(bulkhead->text(), QStringLiteral("unlimited"));
    type_into(bulkhead, "20");
    QCOMPARE(doc->link({"app", "db"})->policy.bulkhead, 20);
    type_into(bulkhead, "unlimited");
    QVERIFY(bulkhead->problem().isEmpty());
    QCOMPARE(bulkhead->text(), QStringLiteral("unlimited"));
    type_into(timeout, "none");
    QVERIFY(timeout->problem().isEmpty());
    // A link field refuses like the others, with the unit in the range, and keeps the model.
    const double before = doc->link({"app", "db"})->latency_ms;
    type_into(latency, "-3");
    QVERIFY2(latency->problem().contains("from 0 to 10000 ms"), qPrintable(latency->problem()));
    QCOMPARE(doc->link({"app", "db"})->latency_ms, before);
    type_into(latency, "2.5");
    QCOMPARE(doc->link({"app", "db"})->latency_ms, 2.5);
  }

  // Loss, duplicates and idempotency (docs/PATTERNS.md): the link's network rows show the
  // file's values in percent, edit them as one undo step each, and the metrics follow.
  void a_links_network_fields_edit_loss_and_idempotency() {
    Window win;
    open_at(win, "flash-sale.archbench.json", "V5");
    Document* doc = win.w.document();
    win.w.scene()->selectLink({"app", "payments"});
    QApplication::processEvents();
    auto* loss = win.w.propertyEditor()->findChild<NumberField*>("link_loss");
    auto* idempotent = win.w.propertyEditor()->findChild<QCheckBox*>("link_idempotent");
    QVERIFY(loss && idempotent);
    QCOMPARE(loss->value(), 0.1);  // 0.001 in the file
    QVERIFY(!idempotent->isChecked());
    QVERIFY(*doc->report()->request_class("buy")->duplicates_per_day > 0);
    const int steps = doc->undoStack()->count();
    idempotent->click();
    QVERIFY(doc->link({"app", "payments"})->idempotent);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(*doc->report()->request_class("buy")->duplicates_per_day, 0.0);
    type_into(loss, "1");
    QCOMPARE(doc->link({"app", "payments"})->loss, 0.01);
    type_into(loss, "100");  // a certain loss is a cut link, not a network property
    QVERIFY2(!loss->problem().isEmpty(), "100% loss was accepted");
    QCOMPARE(doc->link({"app", "payments"})->loss, 0.01);
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QVERIFY(!doc->link({"app", "payments"})->idempotent);
  }

  // Autoscaling (docs/PATTERNS.md): the switch turns it on with the engine's defaults, the
  // fields edit it as one undo step each with the declared range, and the figures follow.
  void autoscale_switch_and_fields_edit_the_component() {
    Window win;
    QVERIFY(win.w.openFile(preset("autoscale-mesh.archbench.json")));
    Document* doc = win.w.document();
    doc->setVersionIndex(0);
    QApplication::processEvents();
    win.w.scene()->selectComponents({"api"});
    QApplication::processEvents();
    auto* on = win.w.propertyEditor()->findChild<QCheckBox*>("autoscale_on");
    auto* most = win.w.propertyEditor()->findChild<IntegerField*>("autoscale_max");
    auto* target = win.w.propertyEditor()->findChild<NumberField*>("autoscale_target_utilization");
    QVERIFY(on && most && target);
    QVERIFY(!on->isChecked());  // V1: a fixed fleet
    QVERIFY(!most->isEnabled());
    const int steps = doc->undoStack()->count();
    on->click();
    QVERIFY(doc->component("api")->autoscale.has_value());
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QVERIFY(doc->report()->component("api")->autoscale.has_value());
    QVERIFY(most->isEnabled());
    type_into(most, "4");
    QCOMPARE(doc->component("api")->autoscale->max, 4);
    type_into(target, "1.5");  // outside (0, 1): refused with the range, not applied
    QVERIFY2(!target->problem().isEmpty(), "a target of 1.5 was accepted");
    QCOMPARE(doc->component("api")->autoscale->target_utilization, 0.7);
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QVERIFY(!doc->component("api")->autoscale.has_value());
  }

  void ctrl_z_in_a_committed_name_field_undoes_the_rename() {
    Window win;
    open_blog_v1(win);
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({"app"});
    QApplication::processEvents();
    auto* name = win.w.propertyEditor()->findChild<QLineEdit*>("component_name");
    QVERIFY(name);
    name->setFocus(Qt::OtherFocusReason);
    name->selectAll();
    QTest::keyClicks(name, "Gunicorn");
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(QString::fromStdString(doc->component("app")->name), QStringLiteral("Gunicorn"));
    QCOMPARE(QApplication::focusWidget(), name);
    QTest::keyClick(name, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(QString::fromStdString(doc->component("app")->name), QStringLiteral("Django app"));
    QCOMPARE(name->text(), QStringLiteral("Django app"));
    QTest::keyClick(name, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QString::fromStdString(doc->component("app")->name), QStringLiteral("Gunicorn"));
  }
  // Every form label of every kind's parameters shows its whole text: a long catalog label
  // ("Threads per instance", "Mean time between failures (MTBF)") is broken onto two lines
  // the row is tall enough for, never wrapped into a third line that the row cuts off.
  void a_count_of_events_reads_in_millions_and_takes_them_typed() {
    // Found by hand: "Events to replay" showed 200000000 events.
    Window win;
    open_at(win, "event-sourcing.archbench.json", "V3");
    Document* doc = win.w.document();
    win.w.scene()->selectComponents({QStringLiteral("events")});
    QApplication::processEvents();
    auto* replay = win.w.propertyEditor()->findChild<NumberField*>("param_replay_events");
    QVERIFY(replay);
    QCOMPARE(replay->text(), QStringLiteral("200M events"));
    type_into(replay, "2.5G");
    QCOMPARE(doc->component("events")->params.at("replay_events").number, 2.5e9);
    QCOMPARE(replay->text(), QStringLiteral("2.5G events"));
  }

  void every_kinds_form_labels_show_their_whole_text() {
    Window win;
    Document* doc = win.w.document();
    int checked = 0;
    for (const auto& [kind, decl] : catalog().kinds()) {
      const QString id = doc->addComponent(QString::fromStdString(kind), QPointF(0, 0));
      QVERIFY2(!id.isEmpty(), kind.c_str());
      win.w.scene()->selectComponents({id});
      QApplication::processEvents();
      for (QFormLayout* form : win.w.propertyEditor()->findChildren<QFormLayout*>()) {
        for (int row = 0; row < form->rowCount(); ++row) {
          QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole);
          auto* label = item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
          if (!label || !label->isVisible() || label->text().isEmpty()) continue;
          const QSize need = label->wordWrap()
                                 ? QSize(0, label->heightForWidth(label->width()))
                                 : label->sizeHint();
          QVERIFY2(label->height() >= need.height() && label->width() >= need.width(),
                   qPrintable(QStringLiteral("%1: \"%2\" is %3×%4, needs %5×%6")
                                  .arg(QString::fromStdString(kind), label->text())
                                  .arg(label->width())
                                  .arg(label->height())
                                  .arg(need.width())
                                  .arg(need.height())));
          ++checked;
        }
      }
    }
    QVERIFY(checked > 50);
  }
};

QTEST_MAIN(GuiEditingFieldsTest)
#include "test_editing_fields.moc"
