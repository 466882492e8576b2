#include "NewPatronRules.h"

#include "ContactValidator.h"

namespace foyer::core {

NewPatronRules::Problem NewPatronRules::check(const QString& firstName, const QString& lastName,
                                              const QString& organisation, const QString& email,
                                              const QString& phone) const
{
    if (lastName.trimmed().isEmpty() && firstName.trimmed().isEmpty() && organisation.trimmed().isEmpty())
        return {QStringLiteral("lastName"), tr("Enter the patron's name (or an organisation).")};
    const bool hasEmail = !email.trimmed().isEmpty();
    const bool hasPhone = !phone.trimmed().isEmpty();
    if (hasEmail) {
        if (const QString problem = ContactValidator::checkEmail(email); !problem.isEmpty())
            return {QStringLiteral("email"), problem};
    }
    if (hasPhone) {
        if (const QString problem = ContactValidator::checkPhone(phone); !problem.isEmpty())
            return {QStringLiteral("phone"), problem};
    }
    if (requireEmail && !hasEmail)
        return {QStringLiteral("email"), tr("This venue requires an email address for new patrons.")};
    if (requirePhone && !hasPhone)
        return {QStringLiteral("phone"), tr("This venue requires a phone number for new patrons.")};
    if (!hasEmail && !hasPhone)
        return {QStringLiteral("email"), tr("Enter an email address or a phone number, so the venue can reach the "
                                            "patron.")};
    return {};
}

} // namespace foyer::core
