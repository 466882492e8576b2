#include "ContactDetailsDialog.h"

#include "ContactValidator.h"
#include "FieldProblem.h"
#include "ui_ContactDetailsDialog.h"

#include <QKeyEvent>
#include <QPushButton>

namespace foyer::gui {

ContactDetailsDialog::ContactDetailsDialog(const QList<core::ContactPoint>& emails,
                                           const QList<core::ContactPoint>& phones, const QString& originalEmail,
                                           QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ContactDetailsDialog>())
    , m_original(originalEmail)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    for (const core::ContactPoint& email : emails) {
        m_emails.append(email.value);
        if (email.isPrimary && m_primary.isEmpty())
            m_primary = email.value;
    }
    if (m_emails.isEmpty() && !m_original.isEmpty())
        m_emails.append(m_original);
    if (m_primary.isEmpty())
        m_primary = m_emails.value(0);
    for (const core::ContactPoint& phone : phones) {
        if (phone.kind == core::ContactPoint::Kind::HomePhone && m_ui->homePhoneField->text().isEmpty())
            m_ui->homePhoneField->setText(phone.value);
        if (phone.kind == core::ContactPoint::Kind::CellPhone && m_ui->cellPhoneField->text().isEmpty())
            m_ui->cellPhoneField->setText(phone.value);
    }
    for (QLabel* label : {m_ui->newEmailProblem, m_ui->homePhoneProblem, m_ui->cellPhoneProblem, m_ui->problemLabel})
        label->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(m_ui->addEmailButton, &QPushButton::clicked, this, &ContactDetailsDialog::addEmail);
    m_ui->newEmailField->installEventFilter(this);
    connect(m_ui->makePrimaryEmailButton, &QPushButton::clicked, this, &ContactDetailsDialog::makeSelectedPrimary);
    connect(m_ui->removeEmailButton, &QPushButton::clicked, this, &ContactDetailsDialog::removeSelected);
    connect(m_ui->emailsList, &QListWidget::currentRowChanged, this, [this](int row) {
        const QString email = m_emails.value(row);
        m_ui->makePrimaryEmailButton->setEnabled(row >= 0 && email != m_primary);
        m_ui->removeEmailButton->setEnabled(row >= 0 && email.compare(m_original, Qt::CaseInsensitive) != 0);
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ContactDetailsDialog::trySave);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->addEmailButton->setAutoDefault(false);
    fillEmails();
    m_ui->emailsList->setFocus();
}

ContactDetailsDialog::~ContactDetailsDialog() = default;

bool ContactDetailsDialog::eventFilter(QObject* watched, QEvent* event)
{
    // Enter in the new-email field adds the address; it must not fall through to the dialog's Save button.
    if (watched == m_ui->newEmailField && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            addEmail();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ContactDetailsDialog::fillEmails()
{
    const int row = std::max(0, m_ui->emailsList->currentRow());
    m_ui->emailsList->clear();
    for (const QString& email : std::as_const(m_emails)) {
        QString line = email;
        if (email == m_primary)
            line += tr(" (primary)");
        if (email.compare(m_original, Qt::CaseInsensitive) == 0)
            line += tr(" (original)");
        m_ui->emailsList->addItem(line);
    }
    m_ui->emailsList->setCurrentRow(std::min(row, int(m_emails.size()) - 1));
}

void ContactDetailsDialog::addEmail()
{
    const QString email = m_ui->newEmailField->text().trimmed();
    FieldProblem::clear(m_ui->newEmailProblem, m_ui->newEmailField);
    QString problem = core::ContactValidator::checkEmail(email);
    if (problem.isEmpty() && m_emails.contains(email, Qt::CaseInsensitive))
        problem = tr("%1 is already on this patron.").arg(email);
    if (!problem.isEmpty()) {
        FieldProblem::show(m_ui->newEmailProblem, problem, m_ui->newEmailField);
        return;
    }
    m_emails.append(email);
    if (m_primary.isEmpty())
        m_primary = email;
    m_ui->newEmailField->clear();
    fillEmails();
    m_ui->emailsList->setCurrentRow(int(m_emails.size()) - 1);
}

void ContactDetailsDialog::makeSelectedPrimary()
{
    const int row = m_ui->emailsList->currentRow();
    if (row < 0 || row >= m_emails.size())
        return;
    m_primary = m_emails.at(row);
    fillEmails();
}

void ContactDetailsDialog::removeSelected()
{
    const int row = m_ui->emailsList->currentRow();
    if (row < 0 || row >= m_emails.size() || m_emails.at(row).compare(m_original, Qt::CaseInsensitive) == 0)
        return;
    if (m_emails.takeAt(row) == m_primary)
        m_primary = m_emails.value(0);
    fillEmails();
}

core::ContactDetailsForm ContactDetailsDialog::form() const
{
    core::ContactDetailsForm form;
    form.emails = m_emails;
    form.primaryEmail = m_primary;
    form.homePhone = m_ui->homePhoneField->text();
    form.cellPhone = m_ui->cellPhoneField->text();
    return form;
}

void ContactDetailsDialog::trySave()
{
    FieldProblem::clear(m_ui->homePhoneProblem, m_ui->homePhoneField);
    FieldProblem::clear(m_ui->cellPhoneProblem, m_ui->cellPhoneField);
    FieldProblem::clear(m_ui->newEmailProblem, m_ui->newEmailField);
    m_ui->problemLabel->hide();
    const auto problems = form().problems(m_original);
    for (auto it = problems.crbegin(); it != problems.crend(); ++it) {
        if (it->field == QLatin1String("homePhone"))
            FieldProblem::show(m_ui->homePhoneProblem, it->message, m_ui->homePhoneField);
        else if (it->field == QLatin1String("cellPhone"))
            FieldProblem::show(m_ui->cellPhoneProblem, it->message, m_ui->cellPhoneField);
        else
            FieldProblem::show(m_ui->problemLabel, it->message, m_ui->emailsList);
    }
    if (problems.isEmpty())
        emit saveRequested();
}

void ContactDetailsDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message);
}

} // namespace foyer::gui
