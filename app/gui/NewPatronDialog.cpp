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
    m_saveText = m_ui->buttonBox->button(QDialogButtonBox::Save)->text();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &NewPatronDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->openExistingButton, &QPushButton::clicked, this, [this] {
        m_patronId = m_duplicates.value(0).patronId;
        done(OpenExisting);
    });
    // A duplicate warning is about the fields that clashed: changing one of them takes it away.
    for (QLineEdit* field : {m_ui->firstNameField, m_ui->lastNameField, m_ui->emailField, m_ui->phoneField})
        connect(field, &QLineEdit::textEdited, this, [this, field] {
            if (m_clashingFields.contains(field))
                clearDuplicateWarning();
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

void NewPatronDialog::clearDuplicateWarning()
{
    m_duplicates.clear();
    m_clashingFields.clear();
    m_warnedFor.clear();
    m_ui->problemLabel->clear();
    m_ui->problemLabel->hide();
    m_ui->openExistingButton->hide();
    m_ui->openExistingButton->setDefault(false);
    QPushButton* saveButton = m_ui->buttonBox->button(QDialogButtonBox::Save);
    saveButton->setText(m_saveText);
    saveButton->setAccessibleName(tr("Save"));
    saveButton->setDefault(true);
}

void NewPatronDialog::showDuplicate(const storage::PatronRepository::Match& existing, const QString& message,
                                    const QList<QLineEdit*>& clashing)
{
    m_clashingFields = clashing;
    showProblem(clashing.constFirst() == m_ui->emailField   ? QStringLiteral("email")
                : clashing.constFirst() == m_ui->phoneField ? QStringLiteral("phone")
                                                            : QStringLiteral("firstName"),
                message);
    m_ui->openExistingButton->setText(tr("Ope&n %1").arg(existing.displayName));
    m_ui->openExistingButton->setAccessibleName(tr("Open %1").arg(existing.displayName));
    m_ui->openExistingButton->show();
    // Enter now opens the patron who is already there; saving another takes a deliberate Save anyway.
    QPushButton* saveButton = m_ui->buttonBox->button(QDialogButtonBox::Save);
    saveButton->setDefault(false);
    saveButton->setAutoDefault(false);
    saveButton->setText(tr("Save an&yway"));
    saveButton->setAccessibleName(tr("Save anyway"));
    m_ui->openExistingButton->setAutoDefault(true);
    m_ui->openExistingButton->setDefault(true);
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
        // Without any name, the first name field comes first in reading order.
        const bool noName = problem.field == QLatin1String("lastName") && first.isEmpty() && last.isEmpty();
        showProblem(noName ? QStringLiteral("firstName") : problem.field, problem.message);
        return;
    }

    // Warn once per email/phone/name; pressing Save again ("Save anyway") goes ahead.
    const QString contactKey = email.toLower() + u'|' + core::SearchText::digitsOf(phone) + u'|' +
                               core::SearchText::normalizeWord(first) + u'|' + core::SearchText::normalizeWord(last);
    if (m_warnedFor != contactKey) {
        QString readError;
        m_duplicates = m_patrons->findByContact(email, phone, &readError);
        QList<storage::PatronRepository::Match> sameName;
        if (readError.isEmpty())
            sameName = m_patrons->findByName(first, last, &readError);
        if (!readError.isEmpty()) {
            // Not knowing whether the patron is there already is not "no duplicate": say so and save nothing.
            showProblem(email.isEmpty() ? QStringLiteral("phone") : QStringLiteral("email"),
                        tr("Cannot check for an existing patron with these details: %1").arg(readError));
            return;
        }
        if (!m_duplicates.isEmpty()) {
            m_warnedFor = contactKey;
            const auto existing = m_duplicates.constFirst();
            const bool onEmail = email.compare(existing.matchedOn, Qt::CaseInsensitive) == 0;
            showDuplicate(existing,
                          tr("%1 already belongs to %2. Press Enter to open that patron, or Save anyway to add a new "
                             "one.")
                              .arg(existing.matchedOn, existing.displayName),
                          {onEmail ? m_ui->emailField : m_ui->phoneField});
            return;
        }
        if (!sameName.isEmpty()) {
            m_duplicates = sameName;
            m_warnedFor = contactKey;
            const auto existing = sameName.constFirst();
            showDuplicate(existing,
                          tr("A patron named %1 is already there: perhaps the same person. Press Enter to open that "
                             "patron, or Save anyway to add a new one.")
                              .arg(existing.displayName),
                          {m_ui->firstNameField, m_ui->lastNameField});
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
