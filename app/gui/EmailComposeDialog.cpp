#include "EmailComposeDialog.h"

#include "ui_EmailComposeDialog.h"

#include <QPushButton>

namespace foyer::gui {

EmailComposeDialog::EmailComposeDialog(const QString& from, const QString& to, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::EmailComposeDialog>())
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->fromValue->setText(from);
    m_ui->toValue->setText(to);
    m_ui->problemLabel->hide();
    QPushButton* send = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    send->setText(tr("Queue for sending"));
    send->setObjectName(QStringLiteral("sendButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (subject().isEmpty() || body().isEmpty()) {
            showProblem(tr("Write a subject and a message."));
            (subject().isEmpty() ? static_cast<QWidget*>(m_ui->subjectField) : m_ui->bodyField)->setFocus();
            return;
        }
        emit sendRequested();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->subjectField->setFocus();
}

EmailComposeDialog::~EmailComposeDialog() = default;

QString EmailComposeDialog::subject() const
{
    return m_ui->subjectField->text().trimmed();
}

QString EmailComposeDialog::body() const
{
    return m_ui->bodyField->toPlainText().trimmed();
}

void EmailComposeDialog::showProblem(const QString& message)
{
    m_ui->problemLabel->setText(message);
    m_ui->problemLabel->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_ui->problemLabel->show();
}

} // namespace foyer::gui
