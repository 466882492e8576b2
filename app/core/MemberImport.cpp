#include "MemberImport.h"

#include "ContactValidator.h"

namespace foyer::core {

QStringList MemberImport::columns()
{
    return {QStringLiteral("membership_number"), QStringLiteral("name"),          QStringLiteral("email"),
            QStringLiteral("password"),          QStringLiteral("benefit_level"), QStringLiteral("valid_from"),
            QStringLiteral("valid_until"),       QStringLiteral("credits")};
}

int MemberImport::Report::errorCount() const
{
    int count = 0;
    for (const Member& member : members)
        count += int(member.errors.size());
    return count;
}

int MemberImport::Report::passwordCount() const
{
    int count = 0;
    for (const Member& member : members)
        count += member.hasPassword() ? 1 : 0;
    return count;
}

void MemberImport::Report::wipePasswords()
{
    for (Member& member : members) {
        if (member.password)
            member.password->clear();
        member.password.reset();
    }
}

MemberImport::Report MemberImport::dryRun(const QString& csvText, const QHash<QString, QString>& showIds,
                                          const QHash<QString, QString>& levelIds, const QSet<QString>& existingNumbers)
{
    Report report;
    QString parseError;
    QList<Csv::Row> rows = Csv::parse(csvText, &parseError);
    if (!parseError.isEmpty()) {
        report.fileError = parseError;
        return report;
    }
    if (rows.isEmpty()) {
        report.fileError = tr("The file is empty.");
        return report;
    }
    QHash<QString, int> column;
    for (int i = 0; i < rows.constFirst().fields.size(); ++i)
        column.insert(rows.constFirst().fields.at(i).trimmed().toLower(), i);
    QStringList missing;
    for (const QString& name : columns())
        if (!column.contains(name))
            missing.append(name);
    if (!missing.isEmpty()) {
        report.fileError = tr("The header row lacks the column(s) %1.").arg(missing.join(QStringLiteral(", ")));
        return report;
    }
    QHash<QString, int> numbersSeen;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const Csv::Row& row = rows.at(r);
        const auto field = [&](const char* name) {
            return row.fields.value(column.value(QString::fromLatin1(name))).trimmed();
        };
        Member m;
        m.line = row.line;
        m.membershipNumber = field("membership_number");
        if (m.membershipNumber.isEmpty())
            m.errors.append(tr("missing membership number"));
        else if (existingNumbers.contains(m.membershipNumber))
            m.errors.append(tr("membership number %1 already exists").arg(m.membershipNumber));
        else if (numbersSeen.contains(m.membershipNumber))
            m.errors.append(tr("duplicate membership number %1 (also on line %2)")
                                .arg(m.membershipNumber)
                                .arg(numbersSeen.value(m.membershipNumber)));
        if (!m.membershipNumber.isEmpty() && !numbersSeen.contains(m.membershipNumber))
            numbersSeen.insert(m.membershipNumber, m.line);

        const QString name = field("name");
        if (name.isEmpty()) {
            m.errors.append(tr("missing name"));
        } else {
            const qsizetype space = name.lastIndexOf(u' ');
            m.firstName = space > 0 ? name.left(space).trimmed() : QString();
            m.lastName = space > 0 ? name.mid(space + 1).trimmed() : name;
        }
        m.email = field("email");
        if (m.email.isEmpty())
            m.errors.append(tr("missing email"));
        else if (const QString problem = ContactValidator::checkEmail(m.email); !problem.isEmpty())
            m.errors.append(tr("bad email \"%1\"").arg(m.email));
        {
            QString password = field("password");
            if (!password.isEmpty() && password.size() < 8)
                m.errors.append(tr("password shorter than 8 characters"));
            if (!password.isEmpty())
                m.password = std::make_shared<SecureBuffer>(SecureBuffer::fromUtf8(password));
            // The trimmed copy first (it may share the row's text), then the row's own text, in place.
            SecureBuffer::wipe(password);
            if (const int at = column.value(QStringLiteral("password")); at < rows[r].fields.size())
                SecureBuffer::wipe(rows[r].fields[at]);
        }

        const QString level = field("benefit_level");
        if (level.isEmpty())
            m.errors.append(tr("missing benefit level"));
        else if (!levelIds.contains(level.toLower()))
            m.errors.append(tr("unknown benefit level \"%1\"").arg(level));
        else
            m.benefitLevelId = levelIds.value(level.toLower());

        m.validFrom = QDate::fromString(field("valid_from"), Qt::ISODate);
        if (!m.validFrom.isValid())
            m.errors.append(tr("valid_from is not a date (year-month-day)"));
        const QString until = field("valid_until");
        if (!until.isEmpty()) {
            m.validUntil = QDate::fromString(until, Qt::ISODate);
            if (!m.validUntil.isValid())
                m.errors.append(tr("valid_until is not a date (year-month-day)"));
            else if (m.validFrom.isValid() && m.validUntil < m.validFrom)
                m.errors.append(tr("valid_until is before valid_from"));
        }

        for (const QString& part : field("credits").split(u';', Qt::SkipEmptyParts)) {
            const qsizetype equals = part.lastIndexOf(u'=');
            bool ok = false;
            const int seats = equals > 0 ? part.mid(equals + 1).trimmed().toInt(&ok) : 0;
            const QString show = equals > 0 ? part.left(equals).trimmed() : part.trimmed();
            if (!ok || seats < 0) {
                m.errors.append(tr("credits \"%1\" should read show=seats").arg(part.trimmed()));
                continue;
            }
            if (show.compare(QLatin1String("season"), Qt::CaseInsensitive) == 0)
                m.seasonCredits = seats;
            else if (!showIds.contains(show.toLower()))
                m.errors.append(tr("unknown show \"%1\"").arg(show));
            else
                m.creditsPerShow.insert(showIds.value(show.toLower()), seats);
        }
        report.members.append(m);
    }
    return report;
}

} // namespace foyer::core
