#include "ReportsDialog.h"

#include "Clock.h"
#include "ReportBuilder.h"
#include "ui_ReportsDialog.h"

#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QPointer>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QThread>

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
    m_ui->progressBar->hide();
    m_ui->cancelButton->hide();
    connect(m_ui->reportCombo, &QComboBox::currentIndexChanged, this, &ReportsDialog::showParameters);
    connect(m_ui->previewButton, &QPushButton::clicked, this, &ReportsDialog::preview);
    connect(m_ui->printButton, &QPushButton::clicked, this, &ReportsDialog::print);
    connect(m_ui->pdfButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to PDF"), QString(), tr("PDF (*.pdf)"));
        if (!path.isEmpty())
            exportPdf(path);
    });
    connect(m_ui->csvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to CSV"), QString(), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        if (m_cancel)
            *m_cancel = true;
    });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    showParameters();
    m_ui->reportCombo->setFocus();
}

ReportsDialog::~ReportsDialog() = default;

void ReportsDialog::reject()
{
    if (m_cancel)
        *m_cancel = true;
    QDialog::reject();
}

void ReportsDialog::showParameters()
{
    using Kind = reports::ReportRequest::Kind;
    const auto kind = Kind(m_ui->reportCombo->currentData().toInt());
    const bool daySheet = kind == Kind::DaySheet;
    const bool patron = kind == Kind::PatronSheet;
    m_ui->fromCaption->setText(daySheet ? tr("&Day") : tr("&From"));
    m_ui->fromField->setVisible(!patron);
    m_ui->fromCaption->setVisible(!patron);
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
    report->printedAt = QDateTime::currentDateTimeUtc();
    return true;
}

bool ReportsDialog::exportPdf(const QString& path)
{
    return runExport(Format::Pdf, path);
}

bool ReportsDialog::exportCsv(const QString& path)
{
    return runExport(Format::Csv, path);
}

bool ReportsDialog::runExport(Format format, const QString& path)
{
    auto report = std::make_shared<reports::ReportDocument>();
    if (!m_database) {
        // No file to open a second connection to (tests that build the window from repositories alone).
        m_ui->messageLabel->setText(tr("Reading the database..."));
        if (!build(report.get()))
            return false;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    auto ok = std::make_shared<bool>(false);
    auto failure = std::make_shared<QString>();
    m_ui->progressBar->setRange(0, 0);
    m_ui->progressBar->show();
    m_ui->cancelButton->show();
    m_ui->cancelButton->setFocus();
    for (QPushButton* button : {m_ui->previewButton, m_ui->printButton, m_ui->pdfButton, m_ui->csvButton})
        button->setEnabled(false);
    m_ui->messageLabel->setText(tr("Writing %1...").arg(path));

    // The worker owns copies of what it needs; progress comes back to this thread queued.
    QPointer<QProgressBar> bar = m_ui->progressBar;
    const storage::Database* database = m_database;
    const reports::ReportRequest asked = request();
    const QString printedBy = m_staff.displayName;
    QThread* worker = QThread::create([=] {
        if (database) {
            // Its own connection, opened and closed on this thread; the window keeps the main one.
            *ok = reports::ReportBuilder::buildOnOwnConnection(*database, asked, report.get(), failure.get());
            if (!*ok)
                return;
            report->printedBy = printedBy;
            report->printedAt = QDateTime::currentDateTimeUtc();
        }
        if (*cancel)
            return;
        if (format == Format::Csv) {
            *ok = report->writeCsv(path);
            return;
        }
        *ok = report->writePdf(path, nullptr, [cancel, bar](int page, int pages) {
            QMetaObject::invokeMethod(
                bar,
                [bar, page, pages] {
                    if (!bar)
                        return;
                    bar->setRange(0, pages);
                    bar->setValue(page);
                },
                Qt::QueuedConnection);
            return !*cancel;
        });
    });
    QEventLoop loop;
    connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;
    m_cancel.reset();

    m_ui->progressBar->hide();
    m_ui->cancelButton->hide();
    for (QPushButton* button : {m_ui->previewButton, m_ui->printButton, m_ui->pdfButton, m_ui->csvButton})
        button->setEnabled(true);
    if (*cancel) {
        QFile::remove(path); // half a report is worse than none
        m_ui->messageLabel->setText(tr("Cancelled: nothing was saved."));
        return false;
    }
    m_ui->messageLabel->setText(*ok                  ? tr("Saved %1").arg(path)
                                : failure->isEmpty() ? tr("Could not write %1").arg(path)
                                                     : *failure);
    return *ok;
}

void ReportsDialog::setUpPrinter(QPrinter* printer, const reports::ReportDocument& report)
{
    printer->setPageSize(QPageSize(QPageSize::A4));
    printer->setPageOrientation(report.landscape ? QPageLayout::Landscape : QPageLayout::Portrait);
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
