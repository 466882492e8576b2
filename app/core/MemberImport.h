#pragma once

#include "Csv.h"
#include "SecureBuffer.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QSet>
#include <memory>

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
        // Locked memory, shared (never copied) by every copy of the report, held only until the import commits or is
        // cancelled; null: the member gets a "set your password" email.
        std::shared_ptr<SecureBuffer> password;
        bool hasPassword() const { return password && !password->isEmpty(); }
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
        int passwordCount() const;
        // Wipes every member's password (after the commit, or when the import is cancelled).
        void wipePasswords();
    };

    static QStringList columns();
    // showIds and levelIds map lower-cased titles/names to ids; existingNumbers are membership numbers already held.
    // Each password moves into a SecureBuffer and its text in the parsed rows is wiped; csvText is the caller's.
    static Report dryRun(const QString& csvText, const QHash<QString, QString>& showIds,
                         const QHash<QString, QString>& levelIds, const QSet<QString>& existingNumbers);
};

} // namespace foyer::core
