#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace foyer::core {

// How patron search turns names, emails, phone numbers and typed queries into keys that compare with a plain
// B-tree range scan: lower case, accents folded, punctuation dropped. Stored keys and typed queries go through the
// same functions, so "O'Brien", "obrien" and "Ó Brien" find each other.
class SearchText
{
public:
    enum class KeyKind
    {
        LastName = 1,
        FirstName = 2,
        OtherName = 3, // preferred name, nickname
        Organisation = 4,
        Email = 5,     // the whole address
        EmailPart = 6, // local-part pieces and the domain
        Phone = 7,
        PatronNumber = 8,
        NamePhrase = 9, // "first last", "last first", "preferred last", the whole organisation name: word by word
        Tag = 10        // a tag's words, and a tag of several words as one phrase
    };

    struct Key
    {
        QString text;
        KeyKind kind;
        bool operator==(const Key& other) const = default;
    };

    // One word: lower case, accents folded, letters and digits only.
    static QString normalizeWord(const QString& word);
    // The normalized words of a name as its keys hold them ("Mary-Jane" gives "mary", "jane").
    static QStringList wordsOf(const QString& text);
    // Digits only; empty when there are none.
    static QString digitsOf(const QString& text);
    // The keys under which a patron is found; duplicates removed. An email is also found from the piece after each
    // dot, dash, underscore or plus of its local part ("darrow2500@example.org" finds "yara.darrow2500@example.org").
    static QList<Key> keysFor(const QString& firstName, const QString& lastName, const QStringList& otherNames,
                              const QString& organisation, const QStringList& emails, const QStringList& phones,
                              qint64 patronNumber, const QStringList& tags = {});
    // The typed query as prefix tokens; every token must match one of a patron's keys. Several tokens are first
    // tried as one phrase against NamePhrase keys ("otto hartw"): one range scan instead of an intersection.
    // Text with a dot or @ and no spaces is one token, matched against whole email addresses.
    static QStringList queryTokens(const QString& typed);
    // The smallest string greater than every string that starts with prefix, for `key >= prefix AND key < end`.
    static QString prefixEnd(const QString& prefix);
};

} // namespace foyer::core
