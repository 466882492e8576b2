#include "PersonalDetailsDialog.h"

#include "Clock.h"
#include "FieldProblem.h"
#include "ui_PersonalDetailsDialog.h"

#include <QDate>
#include <QPushButton>

namespace foyer::gui {

PersonalDetailsDialog::PersonalDetailsDialog(const core::PersonalDetailsForm& form, const QString& householdName,
                                             const QList<core::StaffMember>& staff, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PersonalDetailsDialog>())
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_fields = {{QStringLiteral("firstName"), {m_ui->firstNameField, m_ui->firstNameProblem}},
                {QStringLiteral("middleName"), {m_ui->middleNameField, m_ui->middleNameProblem}},
                {QStringLiteral("lastName"), {m_ui->lastNameField, m_ui->lastNameProblem}},
                {QStringLiteral("preferredName"), {m_ui->preferredNameField, m_ui->preferredNameProblem}},
                {QStringLiteral("nickname"), {m_ui->nicknameField, m_ui->nicknameProblem}},
                {QStringLiteral("pronouns"), {m_ui->pronounsField, m_ui->pronounsProblem}},
                {QStringLiteral("birthday"), {m_ui->birthdayField, m_ui->birthdayProblem}},
                {QStringLiteral("organisation"), {m_ui->organisationField, m_ui->organisationProblem}},
                {QStringLiteral("preferredContactMethod"),
                 {m_ui->preferredContactMethodField, m_ui->preferredContactMethodProblem}},
                {QStringLiteral("alumniYear"), {m_ui->alumniYearField, m_ui->alumniYearProblem}},
                {QStringLiteral("household"), {m_ui->householdField, m_ui->householdProblem}}};
    for (const auto& [field, problem] : std::as_const(m_fields))
        problem->hide();
    m_ui->problemLabel->hide();
    m_ui->firstNameField->setText(form.firstName);
    m_ui->middleNameField->setText(form.middleName);
    m_ui->lastNameField->setText(form.lastName);
    m_ui->preferredNameField->setText(form.preferredName);
    m_ui->nicknameField->setText(form.nickname);
    m_ui->pronounsField->setText(form.pronouns);
    m_ui->birthdayField->setText(form.birthday);
    m_ui->organisationField->setText(form.organisation);
    m_ui->preferredContactMethodField->setText(form.preferredContactMethod);
    m_ui->alumniYearField->setText(form.alumniYear);
    m_ui->householdField->setText(householdName);
    m_ui->emailSubscriptionCheck->setChecked(form.emailSubscription);
    m_ui->contactOwnerCombo->addItem(tr("Nobody"), QString());
    for (const core::StaffMember& member : staff)
        m_ui->contactOwnerCombo->addItem(member.displayName, member.id);
    m_ui->contactOwnerCombo->setCurrentIndex(std::max(0, m_ui->contactOwnerCombo->findData(form.contactOwnerId)));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PersonalDetailsDialog::trySave);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->firstNameField->setFocus();
}

PersonalDetailsDialog::~PersonalDetailsDialog() = default;

core::PersonalDetailsForm PersonalDetailsDialog::form() const
{
    core::PersonalDetailsForm form;
    form.firstName = m_ui->firstNameField->text();
    form.middleName = m_ui->middleNameField->text();
    form.lastName = m_ui->lastNameField->text();
    form.preferredName = m_ui->preferredNameField->text();
    form.nickname = m_ui->nicknameField->text();
    form.pronouns = m_ui->pronounsField->text();
    form.birthday = m_ui->birthdayField->text();
    form.organisation = m_ui->organisationField->text();
    form.preferredContactMethod = m_ui->preferredContactMethodField->text();
    form.alumniYear = m_ui->alumniYearField->text();
    form.emailSubscription = m_ui->emailSubscriptionCheck->isChecked();
    form.contactOwnerId = m_ui->contactOwnerCombo->currentData().toString();
    return form;
}

QString PersonalDetailsDialog::householdName() const
{
    return m_ui->householdField->text().simplified();
}

void PersonalDetailsDialog::trySave()
{
    for (const auto& [field, problem] : std::as_const(m_fields))
        FieldProblem::clear(problem, field);
    m_ui->problemLabel->hide();
    const auto problems = core::PersonalDetailsRules::apply(form(), core::Clock::today(), nullptr);
    // Mark every refused field; focus lands on the first one.
    for (auto it = problems.crbegin(); it != problems.crend(); ++it) {
        const auto [field, label] = m_fields.value(it->field, {nullptr, m_ui->problemLabel});
        FieldProblem::show(label, it->message, field);
    }
    if (problems.isEmpty())
        emit saveRequested();
}

void PersonalDetailsDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message);
}

} // namespace foyer::gui
