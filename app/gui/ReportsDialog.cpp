#include "ReportsDialog.h"

#include "ContactActivityReport.h"
#include "DonationsReport.h"
#include "ui_ReportsDialog.h"

#include <QFileDialog>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>

namespace foyer::gui {

ReportsDialog::ReportsDialog(storage::Repositories* repos, const core::StaffMember& staff, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ReportsDialog>())
    , m_repos(repos)
    , m_staff(staff)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->reportCombo->addItem(tr("Donations"), QStringLiteral("donations"));
    m_ui->reportCombo->addItem(tr("Contact activity"), QStringLiteral("contact_activity"));
    // The month so far is what a manager usually asks for.
    const QDate today = QDate::currentDate();
    m_ui->fromField->setDate(QDate(today.year(), today.month(), 1));
    m_ui->toField->setDate(today);
    connect(m_ui->previewButton, &QPushButton::clicked, this, &ReportsDialog::preview);
    connect(m_ui->printButton, &QPushButton::clicked, this, &ReportsDialog::print);
    connect(m_ui->pdfButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to PDF"), QString(), tr("PDF (*.pdf)"));
        if (!path.isEmpty())
            m_ui->messageLabel->setText(exportPdf(path) ? tr("Saved %1").arg(path)
                                                        : tr("Could not write %1").arg(path));
    });
    connect(m_ui->csvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to CSV"), QString(), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            m_ui->messageLabel->setText(exportCsv(path) ? tr("Saved %1").arg(path)
                                                        : tr("Could not write %1").arg(path));
    });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    m_ui->reportCombo->setFocus();
}

ReportsDialog::~ReportsDialog() = default;

reports::ReportDocument ReportsDialog::build()
{
    const QDate from = m_ui->fromField->date();
    const QDate to = std::max(from, m_ui->toField->date());
    reports::ReportDocument report =
        m_ui->reportCombo->currentData().toString() == QLatin1String("contact_activity")
            ? reports::ContactActivityReport::build(m_repos->reports.contactActivity(from, to), from, to)
            : reports::DonationsReport::build(m_repos->reports.donations(from, to),
                                              m_repos->reports.recurringDonations(), from, to);
    report.venueName = m_repos->settings.value(QString::fromLatin1(storage::SettingsRepository::VenueName));
    report.printedBy = m_staff.displayName;
    report.printedAt = QDateTime::currentDateTimeUtc();
    return report;
}

bool ReportsDialog::exportPdf(const QString& path)
{
    return build().writePdf(path);
}

bool ReportsDialog::exportCsv(const QString& path)
{
    return build().writeCsv(path);
}

void ReportsDialog::preview()
{
    const reports::ReportDocument report = build();
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    QPrintPreviewDialog dialog(&printer, this);
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this,
            [&report](QPrinter* target) { report.render(target); });
    dialog.exec();
}

void ReportsDialog::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() == QDialog::Accepted && !build().render(&printer))
        m_ui->messageLabel->setText(tr("The report could not be printed."));
}

} // namespace foyer::gui
