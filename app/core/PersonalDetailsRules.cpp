#include "PersonalDetailsRules.h"

#include <QRegularExpression>

namespace foyer::core {

PersonalDetailsForm PersonalDetailsForm::from(const Patron& patron)
{
    PersonalDetailsForm form;
    form.firstName = patron.firstName;
    form.middleName = patron.middleName;
    form.lastName = patron.lastName;
    form.preferredName = patron.preferredName;
    form.nickname = patron.nickname;
    form.pronouns = patron.pronouns;
    form.birthday = patron.birthday.isValid() ? patron.birthday.toString(Qt::ISODate) : QString();
    form.organisation = patron.organisation;
    form.preferredContactMethod = patron.preferredContactMethod;
    form.alumniYear = patron.alumniYear > 0 ? QString::number(patron.alumniYear) : QString();
    form.emailSubscription = patron.emailSubscription;
    form.contactOwnerId = patron.contactOwnerId;
    return form;
}

QList<PersonalDetailsRules::Problem> PersonalDetailsRules::apply(const PersonalDetailsForm& form, const QDate& today,
                                                                 Patron* patron)
{
    QList<Problem> problems;
    if (form.firstName.trimmed().isEmpty() && form.lastName.trimmed().isEmpty() &&
        form.organisation.trimmed().isEmpty())
        problems.append({QStringLiteral("lastName"), tr("A patron needs a name or an organisation.")});
    const auto tooLong = [&problems](const QString& field, const QString& value, int max) {
        if (value.trimmed().size() > max)
            problems.append({field, tr("At most %n characters.", nullptr, max)});
    };
    tooLong(QStringLiteral("firstName"), form.firstName, 80);
    tooLong(QStringLiteral("middleName"), form.middleName, 80);
    tooLong(QStringLiteral("lastName"), form.lastName, 80);
    tooLong(QStringLiteral("preferredName"), form.preferredName, 80);
    tooLong(QStringLiteral("nickname"), form.nickname, 80);
    tooLong(QStringLiteral("pronouns"), form.pronouns, 40);
    tooLong(QStringLiteral("organisation"), form.organisation, 160);
    tooLong(QStringLiteral("preferredContactMethod"), form.preferredContactMethod, 240);

    QDate birthday;
    const QString birthdayText = form.birthday.trimmed();
    if (!birthdayText.isEmpty()) {
        static const QRegularExpression isoDate(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        birthday = QDate::fromString(birthdayText, Qt::ISODate);
        if (!isoDate.match(birthdayText).hasMatch() || !birthday.isValid())
            problems.append({QStringLiteral("birthday"), tr("Enter the birthday as year-month-day, e.g. 1984-03-21.")});
        else if (birthday > today)
            problems.append({QStringLiteral("birthday"), tr("The birthday is in the future.")});
        else if (birthday.year() < today.year() - 130)
            problems.append({QStringLiteral("birthday"), tr("The birthday is more than 130 years ago.")});
    }
    int alumniYear = 0;
    const QString alumniText = form.alumniYear.trimmed();
    if (!alumniText.isEmpty()) {
        bool ok = false;
        alumniYear = alumniText.toInt(&ok);
        if (!ok || alumniText.size() != 4 || alumniYear < 1900 || alumniYear > today.year() + 10)
            problems.append({QStringLiteral("alumniYear"),
                             tr("Enter a four-digit year between 1900 and %1.").arg(today.year() + 10)});
    }
    if (!problems.isEmpty() || !patron)
        return problems;
    patron->firstName = form.firstName.trimmed();
    patron->middleName = form.middleName.trimmed();
    patron->lastName = form.lastName.trimmed();
    patron->preferredName = form.preferredName.trimmed();
    patron->nickname = form.nickname.trimmed();
    patron->pronouns = form.pronouns.trimmed();
    patron->birthday = birthday;
    patron->organisation = form.organisation.trimmed();
    patron->preferredContactMethod = form.preferredContactMethod.trimmed();
    patron->alumniYear = alumniYear;
    patron->emailSubscription = form.emailSubscription;
    patron->contactOwnerId = form.contactOwnerId;
    return problems;
}

QList<PersonalDetailsRules::FieldChange> PersonalDetailsRules::changes(const Patron& before, const Patron& after)
{
    const PersonalDetailsForm a = PersonalDetailsForm::from(before);
    const PersonalDetailsForm b = PersonalDetailsForm::from(after);
    const QList<std::tuple<QString, QString, QString>> fields = {
        {tr("First name"), a.firstName, b.firstName},
        {tr("Middle name"), a.middleName, b.middleName},
        {tr("Last name"), a.lastName, b.lastName},
        {tr("Preferred name"), a.preferredName, b.preferredName},
        {tr("Nickname"), a.nickname, b.nickname},
        {tr("Pronouns"), a.pronouns, b.pronouns},
        {tr("Birthday"), a.birthday, b.birthday},
        {tr("Organisation"), a.organisation, b.organisation},
        {tr("Preferred contact"), a.preferredContactMethod, b.preferredContactMethod},
        {tr("Alumni year"), a.alumniYear, b.alumniYear},
        {tr("Email subscription"), a.emailSubscription ? tr("subscribed") : tr("not subscribed"),
         b.emailSubscription ? tr("subscribed") : tr("not subscribed")}};
    QList<FieldChange> out;
    for (const auto& [field, was, now] : fields)
        if (was != now)
            out.append({field, was, now});
    return out;
}

} // namespace foyer::core
