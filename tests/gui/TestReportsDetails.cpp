// The Reports window's details as a manager meets them: a PDF saved without an extension gets ".pdf" and the save
// dialog offers a dated file name; the preview has the PDF's page count (pdfinfo); the date presets, reached from the
// keyboard, follow the venue's days, not the workstation's; a date typed as the locale shows it is read as typed; the
// donations total counts only what counts as complete, declined and written-off gifts shown apart; the captions are
// not elided at 1,360 x 768 and 1,920 x 1,080; every access key is unique.
#include "Clock.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "MoneyFormat.h"
#include "PatronFixtures.h"
#include "ReportChecks.h"
#include "ReportsDialog.h"
#include "Repositories.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <memory>

using namespace foyer;

namespace {

int pdfPages(const QString& pdf)
{
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), {pdf});
    if (!info.waitForFinished(60000) || info.exitCode() != 0)
        return -1;
    const auto match =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(info.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

QString shown(const QString& text)
{
    QString out = text;
    out.replace(QRegularExpression(QStringLiteral("&(?!&)")), QString());
    return out;
}

} // namespace

class TestReportsDetails : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::Repositories> m_repos;
    core::StaffMember m_staff;
    qint64 m_complete = 0;
    qint64 m_declined = 0;
    qint64 m_writtenOff = 0;

    std::unique_ptr<gui::ReportsDialog> openDialog()
    {
        auto dialog = std::make_unique<gui::ReportsDialog>(m_repos.get(), nullptr, m_staff);
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get()))
            return nullptr;
        return dialog;
    }

    static void setKind(gui::ReportsDialog* dialog, reports::ReportRequest::Kind kind)
    {
        auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("reportCombo"));
        combo->setCurrentIndex(combo->findData(int(kind)));
    }

    static void setRange(gui::ReportsDialog* dialog, const QDate& from, const QDate& to)
    {
        dialog->findChild<QDateEdit*>(QStringLiteral("fromField"))->setDate(from);
        dialog->findChild<QDateEdit*>(QStringLiteral("toField"))->setDate(to);
    }

    // Runs `open` (which opens a modal save dialog), reads the file name the dialog offers, then answers it with path.
    static QString answerSaveDialog(const std::function<void()>& open, const QString& path)
    {
        QString offered;
        QElapsedTimer since;
        since.start();
        auto* timer = new QTimer(qApp);
        timer->setInterval(5);
        connect(timer, &QTimer::timeout, timer, [&offered, path, timer, since] {
            auto* save = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (since.hasExpired(30000)) {
                timer->stop();
                if (save)
                    save->reject();
                return;
            }
            if (!save)
                return;
            auto* name = save->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            if (!name)
                return;
            timer->stop();
            offered = name->text();
            name->setText(path);
            static_cast<QDialog*>(save)->accept();
        });
        timer->start();
        open();
        delete timer;
        return offered;
    }

private slots:
    void initTestCase()
    {
        storage::DatabaseError error;
        m_db = storage::Database::open(m_dir.filePath(QStringLiteral("details.db")), QByteArray(32, '\x44'),
                                       storage::Database::Mode::CreateNew, &error);
        QVERIFY2(m_db, qPrintable(error.message));
        m_repos = std::make_unique<storage::Repositories>(m_db->connection());
        QStringList patrons;
        for (int p = 0; p < 20; ++p)
            patrons.append(testing::addPatron(m_repos->patrons, QStringLiteral("Donor%1").arg(p),
                                              QStringLiteral("Family%1").arg(p), QString(), QString()));
        storage::DemoDataWriter writer(m_db->connection());
        QString e;
        QVERIFY(writer.begin(&e));
        bool ok = true;
        // 900 gifts in 2025 (tens of pages when every donation is listed), one in twelve declined and one in twelve
        // written off.
        for (int n = 0; n < 900 && ok; ++n) {
            storage::DemoDataWriter::OrderSpec spec;
            spec.order.id = core::UuidV7::generateText();
            spec.order.confirmationNumber = QStringLiteral("G-%1").arg(n + 1);
            spec.order.category = QStringLiteral("donation");
            spec.order.channel = QStringLiteral("phone");
            spec.order.internalStatus = QStringLiteral("complete");
            spec.order.createdAt = QDateTime(QDate(2025, 1, 2).addDays(n % 360), QTime(12, 0), Qt::UTC);
            spec.donationMinor = 1000 + 7 * n;
            spec.donationStatus = n % 12 == 5   ? QStringLiteral("Declined")
                                  : n % 12 == 7 ? QStringLiteral("Written Off")
                                                : QStringLiteral("Posted");
            (n % 12 == 5 ? m_declined : n % 12 == 7 ? m_writtenOff : m_complete) += spec.donationMinor;
            ok = writer.addOrder(patrons.at(n % patrons.size()), spec, &e);
        }
        QVERIFY2(writer.finish(ok, &e), qPrintable(e));
        m_staff.id = core::UuidV7::generateText();
        m_staff.username = QStringLiteral("mo");
        m_staff.displayName = QStringLiteral("Mo Manager");
        m_staff.role = core::StaffMember::Role::Manager;
    }

    void aPdfSavedWithoutAnExtensionGetsOne()
    {
        auto dialog = openDialog();
        QVERIFY(dialog);
        setKind(dialog.get(), reports::ReportRequest::Kind::Donations);
        setRange(dialog.get(), QDate(2025, 11, 1), QDate(2025, 11, 30));
        QCOMPARE(dialog->suggestedFileName(QStringLiteral("pdf")),
                 QStringLiteral("donations-2025-11-01-to-2025-11-30.pdf"));
        // Through the button and the save dialog, as staff do: the dialog offers the dated name, the answer has no
        // extension, the file written has ".pdf".
        const QString bare = m_dir.filePath(QStringLiteral("november"));
        auto* pdfButton = dialog->findChild<QPushButton*>(QStringLiteral("pdfButton"));
        const QString offered = answerSaveDialog([pdfButton] { pdfButton->click(); }, bare);
        QCOMPARE(QFileInfo(offered).fileName(), QStringLiteral("donations-2025-11-01-to-2025-11-30.pdf"));
        QVERIFY(QTest::qWaitFor([&] { return !dialog->isExporting(); }, 60000));
        QVERIFY2(QFileInfo::exists(bare + QStringLiteral(".pdf")), qPrintable(bare));
        QVERIFY(!QFileInfo::exists(bare));
        QVERIFY(pdfPages(bare + QStringLiteral(".pdf")) >= 1);
        // And through the call scripts use; a CSV gets ".csv"; a name with an extension keeps it.
        QVERIFY(dialog->exportPdf(m_dir.filePath(QStringLiteral("again"))));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("again.pdf"))));
        QVERIFY(dialog->exportCsv(m_dir.filePath(QStringLiteral("sheet"))));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("sheet.csv"))));
        QCOMPARE(gui::ReportsDialog::withExtension(QStringLiteral("/tmp/a.PDF"), QStringLiteral("pdf")),
                 QStringLiteral("/tmp/a.PDF"));
        QCOMPARE(gui::ReportsDialog::withExtension(QStringLiteral("/dev/null"), QStringLiteral("pdf")),
                 QStringLiteral("/dev/null"));

        setKind(dialog.get(), reports::ReportRequest::Kind::DaySheet);
        dialog->findChild<QDateEdit*>(QStringLiteral("fromField"))->setDate(QDate(2026, 12, 1));
        QCOMPARE(dialog->suggestedFileName(QStringLiteral("pdf")), QStringLiteral("day-sheet-2026-12-01.pdf"));
        // The patron sheet has no dates, so no presets either.
        setKind(dialog.get(), reports::ReportRequest::Kind::PatronSheet);
        QVERIFY(!dialog->findChild<QComboBox*>(QStringLiteral("presetCombo"))->isVisibleTo(dialog.get()));
        setKind(dialog.get(), reports::ReportRequest::Kind::RenewalsDue);
        QVERIFY(dialog->findChild<QComboBox*>(QStringLiteral("presetCombo"))->isVisibleTo(dialog.get()));
        setRange(dialog.get(), QDate(2026, 9, 1), QDate(2027, 1, 1));
        QCOMPARE(dialog->suggestedFileName(QStringLiteral("csv")),
                 QStringLiteral("renewals-due-2026-09-01-to-2027-01-01.csv"));
    }

    void thePreviewHasThePdfsPageCount()
    {
        auto dialog = openDialog();
        QVERIFY(dialog);
        setKind(dialog.get(), reports::ReportRequest::Kind::Donations);
        setRange(dialog.get(), QDate(2025, 1, 1), QDate(2025, 12, 31));
        dialog->findChild<QCheckBox*>(QStringLiteral("everyDonationCheck"))->setChecked(true);
        const QString pdf = m_dir.filePath(QStringLiteral("year.pdf"));
        QVERIFY(dialog->exportPdf(pdf));
        const int pdfCount = pdfPages(pdf);
        QVERIFY2(pdfCount > 10, qPrintable(QString::number(pdfCount)));

        int previewCount = -1;
        QElapsedTimer since;
        since.start();
        QTimer timer;
        timer.setInterval(20);
        connect(&timer, &QTimer::timeout, &timer, [&] {
            QPrintPreviewDialog* preview = nullptr;
            for (QWidget* top : QApplication::topLevelWidgets())
                if (auto* candidate = qobject_cast<QPrintPreviewDialog*>(top); candidate && candidate->isVisible())
                    preview = candidate;
            if (!preview)
                return;
            auto* widget = preview->findChild<QPrintPreviewWidget*>();
            if (widget && widget->pageCount() > 0) {
                previewCount = widget->pageCount();
                timer.stop();
                preview->reject();
            } else if (since.hasExpired(60000)) {
                timer.stop();
                preview->reject();
            }
        });
        timer.start();
        dialog->findChild<QPushButton*>(QStringLiteral("previewButton"))->click();
        QCOMPARE(previewCount, pdfCount);
    }

    void presetsFollowTheVenuesDaysFromTheKeyboard()
    {
        // 03:00 UTC on 2 December is still 1 December in Los Angeles: the venue's today, whatever TZ the test has.
        core::Clock::setVenueTimeZone(QTimeZone("America/Los_Angeles"));
        core::Clock::setInstance(
            std::make_shared<core::TestClock>(QDateTime(QDate(2026, 12, 2), QTime(3, 0), Qt::UTC)));
        auto dialog = openDialog();
        QVERIFY(dialog);
        setKind(dialog.get(), reports::ReportRequest::Kind::Donations);
        auto* from = dialog->findChild<QDateEdit*>(QStringLiteral("fromField"));
        auto* to = dialog->findChild<QDateEdit*>(QStringLiteral("toField"));
        auto* presets = dialog->findChild<QComboBox*>(QStringLiteral("presetCombo"));
        QVERIFY(!presets->accessibleName().isEmpty());
        // Tab from the first day reaches the presets; so does their access key.
        // (Tab first walks the field's day, month and year.)
        from->setFocus(Qt::TabFocusReason);
        for (int press = 0; press < 4 && QApplication::focusWidget() != presets; ++press)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), presets);
        dialog->findChild<QComboBox*>(QStringLiteral("reportCombo"))->setFocus();
        QTest::keyClick(dialog.get(), Qt::Key_S, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), presets);

        const QDate today(2026, 12, 1);
        QTest::keyClick(presets, Qt::Key_Down); // Today
        QCOMPARE(from->date(), today);
        QCOMPARE(to->date(), today);
        QTest::keyClick(presets, Qt::Key_Down); // Yesterday
        QCOMPARE(from->date(), QDate(2026, 11, 30));
        QCOMPARE(to->date(), QDate(2026, 11, 30));
        QTest::keyClick(presets, Qt::Key_Down); // This week
        QCOMPARE(from->date().dayOfWeek(), int(QLocale().firstDayOfWeek()));
        QVERIFY(from->date() <= today && today <= to->date());
        QCOMPARE(from->date().daysTo(to->date()), 6);
        QTest::keyClick(presets, Qt::Key_Down); // Last month
        QCOMPARE(from->date(), QDate(2026, 11, 1));
        QCOMPARE(to->date(), QDate(2026, 11, 30));
        QTest::keyClick(presets, Qt::Key_Down); // This season
        QCOMPARE(from->date(), QDate(2026, 9, 1));
        QCOMPARE(to->date(), QDate(2027, 8, 31));
        QCOMPARE(gui::ReportsDialog::presetRange(gui::ReportsDialog::Preset::LastMonth, QDate(2026, 1, 15)),
                 std::make_pair(QDate(2025, 12, 1), QDate(2025, 12, 31)));
        QCOMPARE(gui::ReportsDialog::presetRange(gui::ReportsDialog::Preset::ThisSeason, QDate(2026, 8, 31)),
                 std::make_pair(QDate(2025, 9, 1), QDate(2026, 8, 31)));
        core::Clock::setInstance(nullptr);
        core::Clock::setVenueTimeZone(QTimeZone::systemTimeZone());
    }

    void aTypedDateIsReadAsTyped()
    {
        // A venue in Britain reads day, month, year; one in the United States month, day, year.
        const QLocale before;
        for (const QLocale& venue :
             {QLocale(QLocale::English, QLocale::UnitedKingdom), QLocale(QLocale::English, QLocale::UnitedStates)}) {
            QLocale::setDefault(venue);
            auto dialog = openDialog();
            QVERIFY(dialog);
            setKind(dialog.get(), reports::ReportRequest::Kind::Donations);
            auto* from = dialog->findChild<QDateEdit*>(QStringLiteral("fromField"));
            from->setDate(QDate(2026, 12, 1));
            // As staff do: the access key to the field, then the date as the field shows dates.
            QTest::keyClick(dialog.get(), Qt::Key_F, Qt::AltModifier);
            QCOMPARE(QApplication::focusWidget(), from);
            const QString typed = venue.toString(QDate(2024, 1, 1), from->displayFormat());
            QTest::keyClicks(from, typed);
            QTest::keyClick(from, Qt::Key_Tab);
            QCOMPARE(from->date(), QDate(2024, 1, 1));
            if (venue.territory() == QLocale::UnitedKingdom)
                QCOMPARE(typed, QStringLiteral("1 Jan 2024"));
            // A two-digit day in the middle of the month too, after leaving the field and coming back.
            dialog->findChild<QComboBox*>(QStringLiteral("presetCombo"))->setFocus(Qt::TabFocusReason);
            QTest::keyClick(dialog.get(), Qt::Key_F, Qt::AltModifier);
            QCOMPARE(QApplication::focusWidget(), from);
            QTest::keyClicks(from, venue.toString(QDate(2024, 3, 21), from->displayFormat()));
            QTest::keyClick(from, Qt::Key_Tab);
            QCOMPARE(from->date(), QDate(2024, 3, 21));
        }
        QLocale::setDefault(before);
    }

    void theDonationsTotalCountsOnlyWhatIsComplete()
    {
        auto dialog = openDialog();
        QVERIFY(dialog);
        setKind(dialog.get(), reports::ReportRequest::Kind::Donations);
        setRange(dialog.get(), QDate(2025, 1, 1), QDate(2025, 12, 31));
        reports::ReportDocument report;
        QVERIFY(dialog->build(&report));
        // The independent figures: SQL over the donation rows.
        const QSqlDatabase db = m_db->connection();
        QCOMPARE(
            testing::sqlNumber(db, QStringLiteral("SELECT sum(amount_minor) FROM donation WHERE status = 'Posted'")),
            m_complete);
        const QByteArray csv = report.csv();
        const auto statuses = testing::csvSection(csv, QStringLiteral("By status"));
        QVERIFY(!statuses.isEmpty());
        QCOMPARE(statuses.constLast().value(0), QStringLiteral("Total counted as complete"));
        QCOMPARE(statuses.constLast().value(3), core::MoneyFormat::amount(m_complete));
        const auto apart = testing::csvSection(csv, QStringLiteral("written off or refunded"));
        QCOMPARE(apart.size(), 3); // Declined, Written Off, their own line
        QCOMPARE(apart.at(0).value(0), QStringLiteral("Declined"));
        QCOMPARE(apart.at(0).value(2), core::MoneyFormat::amount(m_declined));
        QCOMPARE(apart.at(1).value(0), QStringLiteral("Written Off"));
        QCOMPARE(apart.at(1).value(2), core::MoneyFormat::amount(m_writtenOff));
        QCOMPARE(apart.at(2).value(2), core::MoneyFormat::amount(m_declined + m_writtenOff));
        const auto funds = testing::csvSection(csv, QStringLiteral("By fund"));
        qint64 byFund = 0;
        for (const QStringList& row : funds)
            byFund += qRound64(QLocale().toDouble(row.value(1)) * 100);
        QCOMPARE(byFund, m_complete);

        const QString pdf = m_dir.filePath(QStringLiteral("totals.pdf"));
        QVERIFY(report.writePdf(pdf));
        const QString printed = testing::pdfText(pdf);
        QVERIFY2(printed.contains(QStringLiteral("Total counted as complete")), qPrintable(printed));
        QVERIFY(printed.contains(core::MoneyFormat::amount(m_complete)));
        QVERIFY(printed.contains(core::MoneyFormat::amount(m_declined)));
        QVERIFY(!printed.contains(core::MoneyFormat::amount(m_complete + m_declined + m_writtenOff)));
    }

    void captionsAreNotElidedAtEitherScreenSize()
    {
        using Kind = reports::ReportRequest::Kind;
        // At the system font and at a large one (a workstation set up for reading at arm's length).
        const QFont systemFont = QApplication::font();
        QFont large = systemFont;
        large.setPointSizeF(systemFont.pointSizeF() * 1.5);
        for (const QFont& font : {systemFont, large})
            for (const QSize& screen : {QSize(1360, 768), QSize(1920, 1080)}) {
                QApplication::setFont(font);
                auto dialog = openDialog();
                QVERIFY(dialog);
                // The window as it opens (its own size, within the screen) and as large as the screen.
                for (const QSize& size : {dialog->size().boundedTo(screen), screen}) {
                    dialog->resize(size);
                    for (const Kind kind : {Kind::DaySheet, Kind::Donations, Kind::PatronSheet, Kind::RenewalsDue}) {
                        setKind(dialog.get(), kind);
                        QApplication::processEvents();
                        for (QLabel* label : dialog->findChildren<QLabel*>()) {
                            if (!label->isVisibleTo(dialog.get()) || label->wordWrap() || label->text().isEmpty())
                                continue;
                            // The ink, not only the advance: a round last letter runs past it ("To" read "Tc").
                            const QFontMetricsF metrics(label->font());
                            const QString text = shown(label->text());
                            const int needed = int(std::ceil(std::max(metrics.horizontalAdvance(text),
                                                                      metrics.boundingRect(text).right()))) +
                                               1;
                            QVERIFY2(needed <= label->contentsRect().width(),
                                     qPrintable(QStringLiteral("%1 \"%2\" needs %3 px, has %4 at %5x%6")
                                                    .arg(label->objectName(), label->text())
                                                    .arg(needed)
                                                    .arg(label->contentsRect().width())
                                                    .arg(size.width())
                                                    .arg(size.height())));
                        }
                    }
                }
            }
        QApplication::setFont(systemFont);
    }

    void accessKeysAreUniqueAndEveryControlIsNamed()
    {
        using Kind = reports::ReportRequest::Kind;
        auto dialog = openDialog();
        QVERIFY(dialog);
        for (const Kind kind : {Kind::DaySheet, Kind::MembershipCredits, Kind::Donations, Kind::ContactActivity,
                                Kind::PatronSheet, Kind::RenewalsDue}) {
            setKind(dialog.get(), kind);
            QHash<QChar, QString> keys;
            QStringList texts;
            for (QLabel* label : dialog->findChildren<QLabel*>())
                texts.append(label->text());
            for (QAbstractButton* button : dialog->findChildren<QAbstractButton*>())
                texts.append(button->text());
            for (const QString& text : texts) {
                const auto match = QRegularExpression(QStringLiteral("&([^&])")).match(text);
                if (!match.hasMatch())
                    continue;
                const QChar key = match.captured(1).at(0).toLower();
                QVERIFY2(!keys.contains(key),
                         qPrintable(QStringLiteral("Alt+%1: \"%2\" and \"%3\"").arg(key, keys.value(key), text)));
                keys.insert(key, text);
            }
            for (QWidget* widget : dialog->findChildren<QWidget*>()) {
                if (!widget->isVisibleTo(dialog.get()) || !(widget->focusPolicy() & Qt::TabFocus) ||
                    widget->objectName().startsWith(QLatin1String("qt_")) || !widget->parentWidget() ||
                    widget->parentWidget() != dialog.get())
                    continue;
                QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
            }
        }
    }

    void cleanupTestCase()
    {
        m_repos.reset();
        m_db.reset();
    }
};

QTEST_MAIN(TestReportsDetails)
#include "TestReportsDetails.moc"
