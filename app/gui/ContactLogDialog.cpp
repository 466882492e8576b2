#include "ContactLogDialog.h"

#include "Clock.h"
#include "ui_ContactLogDialog.h"

#include <QPushButton>

namespace foyer::gui {

ContactLogDialog::ContactLogDialog(const core::ContactLog& log, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ContactLogDialog>())
    , m_log(log)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->kindField->addItem(tr("Phone call"), QStringLiteral("phone"));
    m_ui->kindField->addItem(tr("In person"), QStringLiteral("in_person"));
    m_ui->kindField->addItem(tr("Meeting"), QStringLiteral("meeting"));
    m_ui->kindField->addItem(tr("Gift"), QStringLiteral("gift"));
    if (log.kind == QLatin1String("email"))
        m_ui->kindField->addItem(tr("Email"), QStringLiteral("email"));
    m_ui->directionField->addItem(tr("Incoming"), QStringLiteral("inbound"));
    m_ui->directionField->addItem(tr("Outgoing"), QStringLiteral("outbound"));
    if (!log.kind.isEmpty())
        m_ui->kindField->setCurrentIndex(m_ui->kindField->findData(log.kind));
    if (!log.direction.isEmpty())
        m_ui->directionField->setCurrentIndex(m_ui->directionField->findData(log.direction));
    // Staff enter the venue's wall-clock time. The field holds it as a plain date and time (UTC spec, so no
    // workstation daylight-saving gap can shift it); whatToSave() reads it back in the venue's zone.
    const QDateTime atVenue =
        core::Clock::atVenue(log.occurredAt.isValid() ? log.occurredAt : core::Clock::currentDateTimeUtc());
    m_ui->whenField->setTimeSpec(Qt::UTC);
    m_ui->whenField->setDateTime(QDateTime(atVenue.date(), atVenue.time(), Qt::UTC));
    m_ui->subjectField->setText(log.subject);
    m_ui->outcomeField->setText(log.outcome);
    m_ui->detailsField->setPlainText(log.details);
    m_ui->problemLabel->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (m_ui->subjectField->text().trimmed().isEmpty()) {
            showProblem(tr("Enter a subject: what the contact was about."));
            m_ui->subjectField->setFocus();
            return;
        }
        emit saveRequested();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->subjectField->setFocus();
}

ContactLogDialog::~ContactLogDialog() = default;

core::ContactLog ContactLogDialog::log() const
{
    core::ContactLog log = m_log;
    log.kind = m_ui->kindField->currentData().toString();
    log.direction = m_ui->directionField->currentData().toString();
    const QDateTime entered = m_ui->whenField->dateTime();
    log.occurredAt = QDateTime(entered.date(), entered.time(), core::Clock::venueTimeZone()).toUTC();
    log.subject = m_ui->subjectField->text().trimmed();
    log.outcome = m_ui->outcomeField->text().trimmed();
    log.details = m_ui->detailsField->toPlainText().trimmed();
    return log;
}

void ContactLogDialog::showProblem(const QString& message)
{
    m_ui->problemLabel->setText(message);
    m_ui->problemLabel->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_ui->problemLabel->show();
}

} // namespace foyer::gui
