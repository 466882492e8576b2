#include "NewPatronDialog.h"

#include "Clock.h"
#include "SearchText.h"
#include "UuidV7.h"
#include "ui_NewPatronDialog.h"

#include <QPushButton>
#include <QRegularExpression>

namespace foyer::gui {

NewPatronDialog::NewPatronDialog(storage::PatronRepository* patrons, const QString& typed, const QString& actorId,
                                 QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::NewPatronDialog>())
    , m_patrons(patrons)
    , m_actorId(actorId)
{
    m_ui->setupUi(this);
    setAccessibleName(tr("New patron"));
    m_ui->problemLabel->hide();
    m_ui->openExistingButton->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &NewPatronDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->openExistingButton, &QPushButton::clicked, this, [this] {
        m_patronId = m_duplicates.value(0).patronId;
        done(OpenExisting);
    });
    prefill(typed);
}

NewPatronDialog::~NewPatronDialog() = default;

void NewPatronDialog::prefill(const QString& typed)
{
    const QString text = typed.trimmed();
    if (text.contains(u'@')) {
        m_ui->emailField->setText(text);
        m_ui->firstNameField->setFocus();
        return;
    }
    if (!core::SearchText::digitsOf(text).isEmpty() &&
        QRegularExpression(QStringLiteral("^[\\d\\s()+\\-./]+$")).match(text).hasMatch()) {
        m_ui->phoneField->setText(text);
        m_ui->firstNameField->setFocus();
        return;
    }
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    if (words.size() >= 2) {
        m_ui->firstNameField->setText(words.mid(0, words.size() - 1).join(u' '));
        m_ui->lastNameField->setText(words.constLast());
        m_ui->emailField->setFocus(); // the names are in: go on to the contact point
    } else {
        m_ui->lastNameField->setText(text);
        m_ui->firstNameField->setFocus();
    }
}

void NewPatronDialog::showProblem(const QString& field, const QString& message)
{
    m_ui->problemLabel->setText(message);
    m_ui->problemLabel->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_ui->problemLabel->show();
    QWidget* target = field == QLatin1String("email")       ? m_ui->emailField
                      : field == QLatin1String("phone")     ? m_ui->phoneField
                      : field == QLatin1String("firstName") ? m_ui->firstNameField
                                                            : m_ui->lastNameField;
    target->setFocus();
}

void NewPatronDialog::save()
{
    const QString first = m_ui->firstNameField->text().trimmed();
    const QString last = m_ui->lastNameField->text().trimmed();
    const QString organisation = m_ui->organisationField->text().trimmed();
    const QString email = m_ui->emailField->text().trimmed();
    const QString phone = m_ui->phoneField->text().trimmed();
    const core::NewPatronRules::Problem problem = m_rules.check(first, last, organisation, email, phone);
    if (!problem.field.isEmpty()) {
        showProblem(problem.field, problem.message);
        return;
    }

    // Warn once per email/phone pair; pressing Save again ("Save anyway") goes ahead.
    const QString contactKey = email.toLower() + u'|' + core::SearchText::digitsOf(phone);
    if (m_warnedFor != contactKey) {
        QString readError;
        m_duplicates = m_patrons->findByContact(email, phone, &readError);
        if (!readError.isEmpty()) {
            // Not knowing whether the contact is taken is not "no duplicate": say so and save nothing.
            showProblem(email.isEmpty() ? QStringLiteral("phone") : QStringLiteral("email"),
                        tr("Cannot check for an existing patron with these details: %1").arg(readError));
            return;
        }
        if (!m_duplicates.isEmpty()) {
            m_warnedFor = contactKey;
            const auto& existing = m_duplicates.constFirst();
            showProblem(email.compare(existing.matchedOn, Qt::CaseInsensitive) == 0 ? QStringLiteral("email")
                                                                                    : QStringLiteral("phone"),
                        tr("%1 already belongs to %2. Open that patron, or press Save anyway to add a new one.")
                            .arg(existing.matchedOn, existing.displayName));
            m_ui->openExistingButton->setText(tr("Open %1").arg(existing.displayName));
            m_ui->openExistingButton->show();
            m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("Save anyway"));
            return;
        }
    }

    core::Patron patron;
    patron.id = core::UuidV7::generateText();
    QString numberError;
    patron.patronNumber = m_patrons->nextPatronNumber(&numberError);
    if (patron.patronNumber < 0) {
        showProblem(QStringLiteral("lastName"), tr("The patron was not saved: %1").arg(numberError));
        return;
    }
    patron.firstName = first;
    patron.lastName = last;
    patron.organisation = organisation;
    patron.originalEmail = email;
    patron.source = QStringLiteral("box_office");
    patron.createdAt = core::Clock::currentDateTimeUtc();
    QList<core::ContactPoint> contacts;
    if (!email.isEmpty())
        contacts.append({QString(), core::ContactPoint::Kind::Email, email, true, true});
    if (!phone.isEmpty())
        contacts.append({QString(), core::ContactPoint::Kind::CellPhone, phone, true, false});
    QString error;
    if (!m_patrons->createPatron(patron, contacts, m_actorId, &error)) {
        showProblem(QStringLiteral("lastName"), tr("The patron was not saved: %1").arg(error));
        return;
    }
    m_patronId = patron.id;
    accept();
}

} // namespace foyer::gui
