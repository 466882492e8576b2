#pragma once

#include "Csv.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QSet>

namespace foyer::core {

// The member database as a venue sends it: a CSV with a header row naming the columns
//   membership_number, name, email, password, benefit_level, valid_from, valid_until, credits
// where credits is "Show title=2; Other show=4" (seats per show) or "season=6" (seats for any covered show).
// A dry run checks every row and reports every problem; the import itself is all-or-nothing (storage).
class MemberImport
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::MemberImport)
public:
    struct Member
    {
        int line = 0;
        QString membershipNumber;
        QString firstName;
        QString lastName;
        QString email;
        QString password; // held only until it is hashed; empty: the member gets a "set your password" email
        QString benefitLevelId;
        QDate validFrom;
        QDate validUntil;
        QHash<QString, int> creditsPerShow; // show id -> seats
        int seasonCredits = -1;
        QStringList errors;
    };
    struct Report
    {
        QList<Member> members;
        QString fileError; // a problem with the file as a whole (no header, unclosed quote)
        int errorCount() const;
        bool canImport() const { return fileError.isEmpty() && errorCount() == 0 && !members.isEmpty(); }
    };

    static QStringList columns();
    // showIds and levelIds map lower-cased titles/names to ids; existingNumbers are membership numbers already held.
    static Report dryRun(const QString& csvText, const QHash<QString, QString>& showIds,
                         const QHash<QString, QString>& levelIds, const QSet<QString>& existingNumbers);
};

} // namespace foyer::core
