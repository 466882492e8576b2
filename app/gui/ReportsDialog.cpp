#include "ReportsDialog.h"

#include "Clock.h"
#include "ReportBuilder.h"
#include "ui_ReportsDialog.h"

#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPointer>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>
#include <cmath>

namespace foyer::gui {

ReportsDialog::ReportsDialog(storage::Repositories* repos, storage::Database* database, const core::StaffMember& staff,
                             qint64 openPatronNumber, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ReportsDialog>())
    , m_repos(repos)
    , m_database(database)
    , m_staff(staff)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    using Kind = reports::ReportRequest::Kind;
    m_ui->reportCombo->addItem(tr("Box office day sheet"), int(Kind::DaySheet));
    m_ui->reportCombo->addItem(tr("Membership seat credits by show"), int(Kind::MembershipCredits));
    m_ui->reportCombo->addItem(tr("Donations"), int(Kind::Donations));
    m_ui->reportCombo->addItem(tr("Contact activity"), int(Kind::ContactActivity));
    m_ui->reportCombo->addItem(tr("Patron profile sheet"), int(Kind::PatronSheet));
    m_ui->reportCombo->addItem(tr("Membership renewals due"), int(Kind::RenewalsDue));
    m_ui->reportCombo->setCurrentIndex(m_ui->reportCombo->findData(int(Kind::Donations)));
    m_ui->workstationCombo->addItem(tr("All workstations"), QString());
    QString readError;
    for (const QString& workstation : m_repos->reports.workstations(&readError))
        m_ui->workstationCombo->addItem(workstation, workstation);
    m_ui->messageLabel->setText(readError);
    if (openPatronNumber > 0)
        m_ui->patronNumberField->setValue(int(openPatronNumber));
    // The month so far is what a manager usually asks for.
    const QDate today = core::Clock::today();
    m_ui->fromField->setDate(QDate(today.year(), today.month(), 1));
    m_ui->toField->setDate(today);
    m_ui->presetCaption->setAccessibleName(tr("Date preset"));
    m_ui->presetCombo->addItem(tr("Choose a range..."), -1);
    m_ui->presetCombo->addItem(tr("Today"), int(Preset::Today));
    m_ui->presetCombo->addItem(tr("Yesterday"), int(Preset::Yesterday));
    m_ui->presetCombo->addItem(tr("This week"), int(Preset::ThisWeek));
    m_ui->presetCombo->addItem(tr("Last month"), int(Preset::LastMonth));
    m_ui->presetCombo->addItem(tr("This season (1 Sep to 31 Aug)"), int(Preset::ThisSeason));
    connect(m_ui->presetCombo, &QComboBox::activated, this, [this](int index) {
        const int preset = m_ui->presetCombo->itemData(index).toInt();
        if (preset >= 0)
            applyPreset(Preset(preset));
    });
    // A date changed by hand is no longer the preset's range: the presets say so.
    for (QDateEdit* field : {m_ui->fromField, m_ui->toField})
        connect(field, &QDateEdit::dateChanged, this, [this] {
            if (!m_applyingPreset)
                m_ui->presetCombo->setCurrentIndex(0);
        });
    for (QLabel* caption : {m_ui->reportCaption, m_ui->fromCaption, m_ui->toCaption, m_ui->workstationCaption,
                            m_ui->patronCaption, m_ui->presetCaption})
        giveRoomFor(caption);
    m_ui->progressBar->hide();
    m_ui->cancelButton->hide();
    connect(m_ui->reportCombo, &QComboBox::currentIndexChanged, this, &ReportsDialog::showParameters);
    connect(m_ui->previewButton, &QPushButton::clicked, this, &ReportsDialog::preview);
    connect(m_ui->printButton, &QPushButton::clicked, this, &ReportsDialog::print);
    connect(m_ui->pdfButton, &QPushButton::clicked, this, [this] {
        const QString path = askForPath(tr("Export to PDF"), QStringLiteral("pdf"), tr("PDF (*.pdf)"));
        if (!path.isEmpty())
            startPdfExport(path);
    });
    connect(m_ui->csvButton, &QPushButton::clicked, this, [this] {
        const QString path = askForPath(tr("Export to CSV"), QStringLiteral("csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            startCsvExport(path);
    });
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        if (m_export)
            m_export->cancel = true;
    });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    showParameters();
    m_ui->reportCombo->setFocus();
}

ReportsDialog::~ReportsDialog()
{
    if (!m_worker)
        return;
    // Closed mid-export: stop the worker at its next page and wait for it, so no thread outlives the window or the
    // database it reads; the worker removes the file it had started.
    m_export->cancel = true;
    m_worker->wait();
    delete m_worker;
}

void ReportsDialog::reject()
{
    if (m_export)
        m_export->cancel = true;
    QDialog::reject();
}

void ReportsDialog::showParameters()
{
    using Kind = reports::ReportRequest::Kind;
    const auto kind = Kind(m_ui->reportCombo->currentData().toInt());
    const bool daySheet = kind == Kind::DaySheet;
    const bool patron = kind == Kind::PatronSheet;
    // "Da&y", not "&Day": Alt+D is the PDF button's.
    m_ui->fromCaption->setText(daySheet ? tr("Da&y") : tr("&From"));
    giveRoomFor(m_ui->fromCaption);
    m_ui->fromField->setVisible(!patron);
    m_ui->fromCaption->setVisible(!patron);
    m_ui->presetCaption->setVisible(!patron);
    m_ui->presetCombo->setVisible(!patron);
    m_ui->toField->setVisible(!daySheet && !patron);
    m_ui->toCaption->setVisible(!daySheet && !patron);
    m_ui->workstationCombo->setVisible(daySheet);
    m_ui->workstationCaption->setVisible(daySheet);
    m_ui->patronNumberField->setVisible(patron);
    m_ui->patronCaption->setVisible(patron);
    m_ui->everyDonationCheck->setVisible(kind == Kind::Donations);
    if (daySheet)
        m_ui->fromField->setDate(core::Clock::today());
    if (kind == Kind::RenewalsDue) {
        // Lapsed in the last three months and due in the next one: the list staff call from.
        m_ui->fromField->setDate(core::Clock::today().addMonths(-3));
        m_ui->toField->setDate(core::Clock::today().addMonths(1));
    }
}

void ReportsDialog::giveRoomFor(QLabel* caption)
{
    // A label is as wide as its text's advance, but a round last letter's ink runs past the advance: "To" lost the
    // right edge of its "o" and read "Tc". The caption gets its ink's width and a pixel for the antialiasing.
    QString text = caption->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    const QFontMetricsF metrics(caption->font());
    const qreal ink = std::max(metrics.horizontalAdvance(text), metrics.boundingRect(text).right());
    caption->setMinimumWidth(std::max(caption->sizeHint().width(), int(std::ceil(ink)) + 2));
    caption->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
}

std::pair<QDate, QDate> ReportsDialog::presetRange(Preset preset, const QDate& today)
{
    switch (preset) {
    case Preset::Today:
        return {today, today};
    case Preset::Yesterday:
        return {today.addDays(-1), today.addDays(-1)};
    case Preset::ThisWeek: {
        const int first = int(QLocale().firstDayOfWeek());
        const QDate start = today.addDays(-((today.dayOfWeek() - first + 7) % 7));
        return {start, start.addDays(6)};
    }
    case Preset::LastMonth: {
        const QDate start = QDate(today.year(), today.month(), 1).addMonths(-1);
        return {start, start.addMonths(1).addDays(-1)};
    }
    case Preset::ThisSeason: {
        const int startYear = today.month() >= 9 ? today.year() : today.year() - 1;
        return {QDate(startYear, 9, 1), QDate(startYear + 1, 8, 31)};
    }
    }
    return {today, today};
}

void ReportsDialog::applyPreset(Preset preset)
{
    const auto [from, to] = presetRange(preset, core::Clock::today());
    m_applyingPreset = true;
    m_ui->fromField->setDate(from);
    m_ui->toField->setDate(to);
    m_applyingPreset = false;
}

QString ReportsDialog::suggestedFileName(const QString& extension) const
{
    using Kind = reports::ReportRequest::Kind;
    const reports::ReportRequest asked = request();
    const auto iso = [](const QDate& date) { return date.toString(Qt::ISODate); };
    const QString range = tr("%1-to-%2", "file name: first and last day").arg(iso(asked.from), iso(asked.to));
    QString stem;
    switch (asked.kind) {
    case Kind::DaySheet:
        stem = tr("day-sheet-%1", "file name").arg(iso(asked.from));
        break;
    case Kind::MembershipCredits:
        stem = tr("membership-credits-%1", "file name").arg(range);
        break;
    case Kind::Donations:
        stem = tr("donations-%1", "file name").arg(range);
        break;
    case Kind::ContactActivity:
        stem = tr("contact-activity-%1", "file name").arg(range);
        break;
    case Kind::PatronSheet:
        stem = tr("patron-%1-%2", "file name: patron number, today")
                   .arg(asked.patronNumber)
                   .arg(iso(core::Clock::today()));
        break;
    case Kind::RenewalsDue:
        stem = tr("renewals-due-%1", "file name").arg(range);
        break;
    }
    return stem + u'.' + extension;
}

QString ReportsDialog::withExtension(const QString& path, const QString& extension)
{
    // A file that is already there (chosen and confirmed in the save dialog, or a device) keeps its name.
    const QFileInfo file(path);
    if (path.isEmpty() || !file.suffix().isEmpty() || file.exists())
        return path;
    return path + u'.' + extension;
}

QString ReportsDialog::askForPath(const QString& caption, const QString& extension, const QString& filter)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    return withExtension(
        QFileDialog::getSaveFileName(this, caption, QDir(folder).filePath(suggestedFileName(extension)), filter),
        extension);
}

reports::ReportRequest ReportsDialog::request() const
{
    reports::ReportRequest request;
    request.kind = reports::ReportRequest::Kind(m_ui->reportCombo->currentData().toInt());
    request.from = m_ui->fromField->date();
    request.to = m_ui->toField->date();
    request.workstation = m_ui->workstationCombo->currentData().toString();
    request.patronNumber = m_ui->patronNumberField->value();
    request.listEveryDonation = m_ui->everyDonationCheck->isChecked();
    return request;
}

bool ReportsDialog::build(reports::ReportDocument* report)
{
    QString error;
    if (!reports::ReportBuilder::build(*m_repos, request(), report, &error)) {
        m_ui->messageLabel->setText(error);
        return false;
    }
    report->printedBy = m_staff.displayName;
    report->printedAt = core::Clock::currentDateTimeUtc();
    return true;
}

bool ReportsDialog::startPdfExport(const QString& path)
{
    return startExport(Format::Pdf, path);
}

bool ReportsDialog::startCsvExport(const QString& path)
{
    return startExport(Format::Csv, path);
}

bool ReportsDialog::exportPdf(const QString& path)
{
    return startExport(Format::Pdf, path) && waitForExport();
}

bool ReportsDialog::exportCsv(const QString& path)
{
    return startExport(Format::Csv, path) && waitForExport();
}

void ReportsDialog::setExporting(bool exporting)
{
    m_ui->progressBar->setRange(0, 0);
    m_ui->progressBar->setVisible(exporting);
    m_ui->cancelButton->setVisible(exporting);
    if (exporting)
        m_ui->cancelButton->setFocus();
    for (QPushButton* button : {m_ui->previewButton, m_ui->printButton, m_ui->pdfButton, m_ui->csvButton})
        button->setEnabled(!exporting);
}

bool ReportsDialog::startExport(Format format, const QString& path)
{
    if (m_worker) {
        m_ui->messageLabel->setText(tr("A report is still being written: wait for it or cancel it first."));
        return false;
    }
    auto job = std::make_shared<Export>();
    job->format = format;
    job->path = withExtension(path, format == Format::Pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
    job->pageHook = m_pageHook;
    if (!m_database) {
        // No file to open a second connection to (tests that build the window from repositories alone).
        m_ui->messageLabel->setText(tr("Reading the database..."));
        if (!build(&job->report))
            return false;
    }
    setExporting(true);
    m_ui->messageLabel->setText(tr("Writing %1...").arg(job->path));

    // The worker gets copies and the shared job only: never this window, which may be closed and deleted first.
    const storage::Database* database = m_database;
    const reports::ReportRequest asked = request();
    const QString printedBy = m_staff.displayName;
    const QPointer<QProgressBar> bar = m_ui->progressBar;
    m_export = job;
    m_worker = QThread::create(
        [job, database, asked, printedBy, bar] { runExport(job.get(), database, asked, printedBy, bar); });
    // Queued to this thread; with this window as the context it is never delivered once the window is gone.
    const quint64 run = ++m_exportRun;
    connect(m_worker, &QThread::finished, this, [this, run] {
        if (run == m_exportRun && m_worker)
            finishExport();
    });
    m_worker->start();
    return true;
}

void ReportsDialog::runExport(Export* job, const storage::Database* database, const reports::ReportRequest& request,
                              const QString& printedBy, const QPointer<QProgressBar>& bar)
{
    if (database) {
        // Its own connection, opened and closed on this thread; the window keeps the main one.
        if (!reports::ReportBuilder::buildOnOwnConnection(*database, request, &job->report, &job->failure))
            return;
        job->report.printedBy = printedBy;
        job->report.printedAt = core::Clock::currentDateTimeUtc();
    }
    if (job->cancel) {
        job->cancelled = true; // nothing written yet: whatever was at the path stays
        return;
    }
    if (job->format == Format::Csv) {
        job->saved = job->report.writeCsv(job->path, &job->failure);
    } else {
        job->saved = job->report.writePdf(job->path, nullptr, [job, bar](int page, int pages) {
            // Progress goes to the bar on its own thread, through the application (alive as long as any window),
            // and only if the bar still exists there.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [bar, page, pages] {
                    if (!bar)
                        return;
                    bar->setRange(0, pages);
                    bar->setValue(page);
                },
                Qt::QueuedConnection);
            if (job->pageHook)
                job->pageHook(page, pages);
            return !job->cancel;
        });
    }
    if (job->cancel) {
        // Decided here, once, so the file and the message agree: half a report is worse than none.
        job->cancelled = true;
        job->saved = false;
        QFile::remove(job->path);
    }
}

bool ReportsDialog::waitForExport()
{
    if (!m_worker)
        return false;
    return finishExport(); // waits for the worker; its queued finished signal then finds nothing to do
}

bool ReportsDialog::finishExport()
{
    m_worker->wait();
    delete m_worker;
    m_worker = nullptr;
    const std::shared_ptr<Export> job = std::move(m_export);
    setExporting(false);
    if (job->cancelled)
        m_ui->messageLabel->setText(tr("Cancelled: nothing was saved."));
    else if (job->saved)
        m_ui->messageLabel->setText(tr("Saved %1").arg(job->path));
    else
        m_ui->messageLabel->setText(job->failure.isEmpty() ? tr("Could not write %1").arg(job->path) : job->failure);
    emit exportFinished(job->saved);
    return job->saved;
}

void ReportsDialog::setUpPrinter(QPrinter* printer, const reports::ReportDocument& report)
{
    // The PDF's page exactly: the whole sheet at the PDF's resolution, so the preview and the printout count the
    // pages the PDF has (with the printer's own margins and 1200 dpi the donations report was 29 pages, the PDF 27).
    printer->setFullPage(true);
    printer->setResolution(reports::ReportDocument::Resolution);
    report.setUpPage(printer);
}

reports::ReportDocument::Progress ReportsDialog::pageProgress(QProgressDialog* progress)
{
    // Preview and print paint here (QPrinter needs this thread): the dialog shows the pages done and keeps Cancel
    // answering between pages.
    progress->setObjectName(QStringLiteral("reportProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(400);
    return [progress](int page, int pages) {
        progress->setMaximum(pages);
        progress->setValue(page);
        QCoreApplication::processEvents();
        return !progress->wasCanceled();
    };
}

void ReportsDialog::preview()
{
    reports::ReportDocument report;
    if (!build(&report))
        return;
    QPrinter printer(QPrinter::HighResolution);
    setUpPrinter(&printer, report);
    QPrintPreviewDialog dialog(&printer, this);
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this, [this, &report](QPrinter* target) {
        QProgressDialog progress(tr("Preparing the preview..."), tr("Cancel"), 0, 0, this);
        report.render(target, nullptr, pageProgress(&progress));
    });
    dialog.exec();
}

void ReportsDialog::print()
{
    reports::ReportDocument report;
    if (!build(&report))
        return;
    QPrinter printer(QPrinter::HighResolution);
    setUpPrinter(&printer, report);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QProgressDialog progress(tr("Printing..."), tr("Cancel"), 0, 0, this);
    if (!report.render(&printer, nullptr, pageProgress(&progress)))
        m_ui->messageLabel->setText(progress.wasCanceled() ? tr("Printing cancelled.")
                                                           : tr("The report could not be printed."));
}

} // namespace foyer::gui
