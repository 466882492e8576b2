#include "ContactDetailsForm.h"

#include "ContactValidator.h"

namespace foyer::core {

QList<ContactDetailsForm::Problem> ContactDetailsForm::problems(const QString& originalEmail) const
{
    QList<Problem> out;
    QStringList seen;
    for (const QString& email : emails) {
        if (const QString problem = ContactValidator::checkEmail(email); !problem.isEmpty())
            out.append({QStringLiteral("newEmail"), problem});
        else if (seen.contains(email.trimmed(), Qt::CaseInsensitive))
            out.append({QStringLiteral("newEmail"), tr("%1 is listed twice.").arg(email.trimmed())});
        seen.append(email.trimmed());
    }
    if (!originalEmail.isEmpty() && !seen.contains(originalEmail, Qt::CaseInsensitive))
        out.append({QStringLiteral("newEmail"),
                    tr("The original email %1 stays on the patron; it cannot be removed.").arg(originalEmail)});
    if (!emails.isEmpty() && !seen.contains(primaryEmail.trimmed(), Qt::CaseInsensitive))
        out.append({QStringLiteral("primaryEmail"), tr("Choose which email is primary.")});
    if (!homePhone.trimmed().isEmpty())
        if (const QString problem = ContactValidator::checkPhone(homePhone); !problem.isEmpty())
            out.append({QStringLiteral("homePhone"), problem});
    if (!cellPhone.trimmed().isEmpty())
        if (const QString problem = ContactValidator::checkPhone(cellPhone); !problem.isEmpty())
            out.append({QStringLiteral("cellPhone"), problem});
    return out;
}

} // namespace foyer::core
