/* bench-feed.c: a large, realistic feed made up for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed is written straight into a GString rather than through a
 * JsonBuilder, so that building it does not raise the peak memory the
 * catalog benchmark measures. No string below needs JSON escaping.
 */
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-feed.h"

typedef struct
{
  const char *name;        /* nominative */
  const char *dative;
  const char *latin;
  const char *patronymic_m;
  const char *patronymic_m_dative;
  const char *patronymic_f;
  const char *patronymic_f_dative;
} MaleName;

typedef struct
{
  const char *name;
  const char *dative;
  const char *latin;
} FemaleName;

typedef enum
{
  SURNAME_OV,        /* Горинов, Горинову; Горинова, Гориновой */
  SURNAME_SKY,       /* stem + ий, ому; ая, ой */
  SURNAME_CONSONANT, /* Лукашевич, Лукашевичу; the woman's form does not decline */
  SURNAME_FIXED,     /* Кравченко: never declines */
} SurnameKind;

typedef struct
{
  const char  *stem;
  const char  *latin_stem;
  SurnameKind  kind;
} Surname;

typedef struct
{
  const char *name;       /* "Владимирская обл." */
  const char *dative;     /* "Владимирской области" */
  const char *name_en;    /* "Vladimir region" */
  const char *town;       /* "г. Покров" */
  const char *postcode;   /* the first digits */
} Region;

typedef struct
{
  const char *en;
  const char *ru;
} Pair;

static const MaleName male_names[] = {
  { "Алексей", "Алексею", "Alexei", "Алексеевич", "Алексеевичу", "Алексеевна", "Алексеевне" },
  { "Иван", "Ивану", "Ivan", "Иванович", "Ивановичу", "Ивановна", "Ивановне" },
  { "Дмитрий", "Дмитрию", "Dmitry", "Дмитриевич", "Дмитриевичу", "Дмитриевна", "Дмитриевне" },
  { "Сергей", "Сергею", "Sergei", "Сергеевич", "Сергеевичу", "Сергеевна", "Сергеевне" },
  { "Андрей", "Андрею", "Andrei", "Андреевич", "Андреевичу", "Андреевна", "Андреевне" },
  { "Михаил", "Михаилу", "Mikhail", "Михайлович", "Михайловичу", "Михайловна", "Михайловне" },
  { "Николай", "Николаю", "Nikolai", "Николаевич", "Николаевичу", "Николаевна", "Николаевне" },
  { "Владимир", "Владимиру", "Vladimir", "Владимирович", "Владимировичу", "Владимировна", "Владимировне" },
  { "Александр", "Александру", "Alexander", "Александрович", "Александровичу", "Александровна", "Александровне" },
  { "Павел", "Павлу", "Pavel", "Павлович", "Павловичу", "Павловна", "Павловне" },
  { "Юрий", "Юрию", "Yuri", "Юрьевич", "Юрьевичу", "Юрьевна", "Юрьевне" },
  { "Олег", "Олегу", "Oleg", "Олегович", "Олеговичу", "Олеговна", "Олеговне" },
  { "Игорь", "Игорю", "Igor", "Игоревич", "Игоревичу", "Игоревна", "Игоревне" },
  { "Виктор", "Виктору", "Viktor", "Викторович", "Викторовичу", "Викторовна", "Викторовне" },
  { "Максим", "Максиму", "Maxim", "Максимович", "Максимовичу", "Максимовна", "Максимовне" },
  { "Артём", "Артёму", "Artyom", "Артёмович", "Артёмовичу", "Артёмовна", "Артёмовне" },
  { "Григорий", "Григорию", "Grigory", "Григорьевич", "Григорьевичу", "Григорьевна", "Григорьевне" },
  { "Евгений", "Евгению", "Yevgeny", "Евгеньевич", "Евгеньевичу", "Евгеньевна", "Евгеньевне" },
  { "Кирилл", "Кириллу", "Kirill", "Кириллович", "Кирилловичу", "Кирилловна", "Кирилловне" },
  { "Роман", "Роману", "Roman", "Романович", "Романовичу", "Романовна", "Романовне" },
};

static const FemaleName female_names[] = {
  { "Мария", "Марии", "Maria" },
  { "Анна", "Анне", "Anna" },
  { "Ольга", "Ольге", "Olga" },
  { "Елена", "Елене", "Yelena" },
  { "Наталья", "Наталье", "Natalya" },
  { "Ксения", "Ксении", "Ksenia" },
  { "Дарья", "Дарье", "Darya" },
  { "Екатерина", "Екатерине", "Yekaterina" },
  { "Татьяна", "Татьяне", "Tatyana" },
  { "Виктория", "Виктории", "Viktoria" },
  { "Марина", "Марине", "Marina" },
  { "Светлана", "Светлане", "Svetlana" },
  { "Юлия", "Юлии", "Yulia" },
  { "Александра", "Александре", "Alexandra" },
  { "Ирина", "Ирине", "Irina" },
};

static const Surname surnames[] = {
  { "Горинов", "Gorinov", SURNAME_OV },
  { "Иванов", "Ivanov", SURNAME_OV },
  { "Смирнов", "Smirnov", SURNAME_OV },
  { "Кузнецов", "Kuznetsov", SURNAME_OV },
  { "Попов", "Popov", SURNAME_OV },
  { "Соколов", "Sokolov", SURNAME_OV },
  { "Лебедев", "Lebedev", SURNAME_OV },
  { "Морозов", "Morozov", SURNAME_OV },
  { "Волков", "Volkov", SURNAME_OV },
  { "Соловьёв", "Solovyov", SURNAME_OV },
  { "Васильев", "Vasilyev", SURNAME_OV },
  { "Зайцев", "Zaitsev", SURNAME_OV },
  { "Павлов", "Pavlov", SURNAME_OV },
  { "Семёнов", "Semyonov", SURNAME_OV },
  { "Голубев", "Golubev", SURNAME_OV },
  { "Виноградов", "Vinogradov", SURNAME_OV },
  { "Белов", "Belov", SURNAME_OV },
  { "Тарасов", "Tarasov", SURNAME_OV },
  { "Беляев", "Belyaev", SURNAME_OV },
  { "Орлов", "Orlov", SURNAME_OV },
  { "Никитин", "Nikitin", SURNAME_OV },
  { "Ильин", "Ilyin", SURNAME_OV },
  { "Кашин", "Kashin", SURNAME_OV },
  { "Яшин", "Yashin", SURNAME_OV },
  { "Ковальск", "Kovalsk", SURNAME_SKY },
  { "Жуковск", "Zhukovsk", SURNAME_SKY },
  { "Вишневск", "Vishnevsk", SURNAME_SKY },
  { "Добровольск", "Dobrovolsk", SURNAME_SKY },
  { "Лукашевич", "Lukashevich", SURNAME_CONSONANT },
  { "Климович", "Klimovich", SURNAME_CONSONANT },
  { "Шиманович", "Shimanovich", SURNAME_CONSONANT },
  { "Шевчук", "Shevchuk", SURNAME_CONSONANT },
  { "Бяляцк", "Bialiatsk", SURNAME_SKY },
  { "Кравченко", "Kravchenko", SURNAME_FIXED },
  { "Лазаренко", "Lazarenko", SURNAME_FIXED },
  { "Бондаренко", "Bondarenko", SURNAME_FIXED },
};

static const Region regions_ru[] = {
  { "Владимирская обл.", "Владимирской области", "Vladimir region", "г. Покров", "601" },
  { "Пермский край", "Пермскому краю", "Perm region", "г. Соликамск", "618" },
  { "Республика Мордовия", "Республике Мордовия", "Republic of Mordovia", "пос. Явас", "431" },
  { "Тверская обл.", "Тверской области", "Tver region", "г. Торжок", "172" },
  { "Кировская обл.", "Кировской области", "Kirov region", "г. Кирово-Чепецк", "613" },
  { "Ярославская обл.", "Ярославской области", "Yaroslavl region", "г. Рыбинск", "152" },
  { "Челябинская обл.", "Челябинской области", "Chelyabinsk region", "г. Копейск", "456" },
  { "Омская обл.", "Омской области", "Omsk region", "г. Омск", "644" },
};

static const Region regions_by[] = {
  { "Гомельская обл.", "Гомельской области", "Gomel region", "г. Гомель", "246" },
  { "Витебская обл.", "Витебской области", "Vitebsk region", "г. Новополоцк", "211" },
  { "Могилёвская обл.", "Могилёвской области", "Mogilev region", "г. Шклов", "213" },
  { "Минская обл.", "Минской области", "Minsk region", "г. Жодино", "222" },
  { "Брестская обл.", "Брестской области", "Brest region", "г. Ивацевичи", "225" },
};

static const char * const streets[] = {
  "ул. Промышленная", "ул. Советская", "ул. Лесная", "ул. Заводская", "ул. Центральная", "пр. Мира",
};

/* Occupations: English, then Russian in the instrumental case ("worked as …"). */
static const Pair occupations[] = {
  { "teacher", "учителем" }, { "engineer", "инженером" }, { "doctor", "врачом" },
  { "journalist", "журналистом" }, { "programmer", "программистом" }, { "musician", "музыкантом" },
  { "artist", "художником" }, { "lawyer", "юристом" }, { "librarian", "библиотекарем" },
  { "bus driver", "водителем автобуса" }, { "municipal deputy", "муниципальным депутатом" },
};

/* Cities: English, then Russian in the prepositional case. */
static const Pair cities[] = {
  { "Moscow", "Москве" }, { "Saint Petersburg", "Санкт-Петербурге" }, { "Kazan", "Казани" },
  { "Yekaterinburg", "Екатеринбурге" }, { "Novosibirsk", "Новосибирске" }, { "Minsk", "Минске" },
  { "Gomel", "Гомеле" }, { "Grodno", "Гродно" }, { "Brest", "Бресте" }, { "Vitebsk", "Витебске" },
};

static const Pair reasons[] = {
  { "an anti-war post on social media", "антивоенного поста в социальной сети" },
  { "speaking at a municipal council meeting", "выступления на заседании муниципального совета" },
  { "a donation to an independent newspaper", "пожертвования независимой газете" },
  { "taking part in a peaceful protest", "участия в мирном протесте" },
  { "a comment in a neighbourhood chat", "комментария в чате соседей" },
  { "handing out leaflets", "раздачи листовок" },
};

static const Pair interests[] = {
  { "chess", "шахматы" }, { "books", "книги" }, { "history", "история" }, { "gardening", "садоводство" },
  { "football", "футбол" }, { "drawing", "рисование" }, { "music", "музыка" }, { "cooking", "кулинария" },
  { "poetry", "поэзия" }, { "astronomy", "астрономия" }, { "cats", "кошки" }, { "travel", "путешествия" },
};

static const Pair story_endings[] = {
  { "Letters from strangers remind %s that the world has not forgotten.",
    "%s говорит, что письма от незнакомых людей очень поддерживают." },
  { "Write about your town, the weather, what you are reading: ordinary news is what %s misses most.",
    "Пишите о своём городе, о погоде, о книгах: больше всего не хватает обычных новостей, говорит %s." },
  { "Short postcards are welcome too; %s answers when the censor lets the reply through.",
    "Открытки тоже нужны; %s отвечает, когда ответ пропускает цензор." },
};

#define N_ELEMENTS G_N_ELEMENTS
#define PICK(rand, array) (&(array)[g_rand_int_range ((rand), 0, N_ELEMENTS (array))])

static const char *
surname_form (const Surname *surname,
              gboolean       female,
              gboolean       dative,
              char           buffer[static 64])
{
  static const char * const ov[2][2] = { { "", "у" }, { "а", "ой" } };
  static const char * const sky[2][2] = { { "ий", "ому" }, { "ая", "ой" } };
  const char *ending = "";

  switch (surname->kind)
    {
    case SURNAME_OV:
      ending = ov[female][dative];
      break;
    case SURNAME_SKY:
      ending = sky[female][dative];
      break;
    case SURNAME_CONSONANT:
      ending = !female && dative ? "у" : "";
      break;
    case SURNAME_FIXED:
    default:
      break;
    }
  g_snprintf (buffer, 64, "%s%s", surname->stem, ending);
  return buffer;
}

static const char *
surname_latin (const Surname *surname,
               gboolean       female,
               char           buffer[static 64])
{
  const char *ending = "";

  if (surname->kind == SURNAME_OV)
    ending = female ? "a" : "";
  else if (surname->kind == SURNAME_SKY)
    ending = female ? "aya" : "y";
  g_snprintf (buffer, 64, "%s%s", surname->latin_stem, ending);
  return buffer;
}

static void
append_rulesets (GString *json)
{
  g_string_append (json,
    "\"rulesets\": ["
    "{\"id\": \"ru-prison\", \"title\": {\"en\": \"Letters to prisons in Russia\", \"ru\": \"Письма в российские тюрьмы\"},"
    " \"summary\": {\"en\": \"Write in Russian about everyday life.\", \"ru\": \"Пишите по-русски о повседневной жизни.\"},"
    " \"rules\": ["
    "{\"id\": \"war\", \"category\": \"war\", \"languages\": [\"ru\"], \"patterns\": [\"\\\\bвойн\\\\w*\", \"\\\\bмобилизац\\\\w*\"],"
    " \"title\": {\"en\": \"Mentions the war\"}, \"explanation\": {\"en\": \"Letters that mention the war are usually withheld.\"}},"
    "{\"id\": \"case\", \"category\": \"case-details\", \"patterns\": [\"\\\\bприговор\\\\w*\", \"\\\\bсуд\\\\w*\"],"
    " \"title\": {\"en\": \"Discusses the case\"}, \"explanation\": {\"en\": \"The censor withholds letters about the case.\"}},"
    "{\"id\": \"latin\", \"category\": \"latin-script\", \"severity\": \"advice\", \"languages\": [\"ru\"], \"patterns\": [\"[a-z]{4,}\"],"
    " \"title\": {\"en\": \"Latin letters\"}, \"explanation\": {\"en\": \"Censors read Cyrillic only.\"}}"
    "]},"
    "{\"id\": \"by-prison\", \"title\": {\"en\": \"Letters to prisons in Belarus\", \"ru\": \"Письма в белорусские тюрьмы\"},"
    " \"rules\": ["
    "{\"id\": \"politics\", \"category\": \"politics\", \"patterns\": [\"\\\\bвыбор\\\\w*\", \"\\\\bпротест\\\\w*\"],"
    " \"title\": {\"en\": \"Mentions politics\"}, \"explanation\": {\"en\": \"Letters about politics are withheld.\"}},"
    "{\"id\": \"foreign\", \"category\": \"foreign-words\", \"severity\": \"advice\", \"patterns\": [\"\\\\bokay\\\\b\"],"
    " \"title\": {\"en\": \"Foreign words\"}, \"explanation\": {\"en\": \"Write every word in Russian or Belarusian.\"}}"
    "]}"
    "],\n");
}

static void
append_templates_and_targets (GString *json)
{
  g_string_append (json,
    "\"templates\": ["
    "{\"id\": \"hello\", \"kind\": \"solidarity\", \"addressee\": \"prisoner\","
    " \"title\": {\"en\": \"A short warm letter\", \"ru\": \"Короткое тёплое письмо\", \"be\": \"Кароткі цёплы ліст\"},"
    " \"paragraphs\": ["
    "{\"id\": \"greeting\", \"text\": {\"en\": \"Hello, {case_given_name}!\", \"ru\": \"Здравствуйте, {case_given_name}!\", \"be\": \"Добры дзень, {case_given_name}!\"}},"
    "{\"id\": \"about\", \"text\": {\"en\": \"My name is {sender_name}, I live in {sender_city}.\", \"ru\": \"Меня зовут {sender_name}, я живу в городе {sender_city}.\", \"be\": \"Мяне завуць {sender_name}, я жыву ў горадзе {sender_city}.\"}},"
    "{\"id\": \"interests\", \"optional\": true, \"text\": {\"en\": \"I heard you like {case_interests}.\", \"ru\": \"Я слышал, вы любите {case_interests}.\", \"be\": \"Я чуў, вы любіце {case_interests}.\"}}"
    "], \"closing\": {\"en\": \"Warmly,\", \"ru\": \"С теплом,\", \"be\": \"З цеплынёй,\"}, \"max_pages\": 1},"
    "{\"id\": \"postcard\", \"kind\": \"solidarity\", \"addressee\": \"prisoner\","
    " \"title\": {\"en\": \"A postcard\", \"ru\": \"Открытка\"},"
    " \"paragraphs\": [{\"id\": \"text\", \"text\": {\"en\": \"Dear {case_given_name}, we think of you. {date}\", \"ru\": \"Дорогой {case_given_name}, мы думаем о вас. {date}\"}}],"
    " \"max_words\": 60},"
    "{\"id\": \"appeal\", \"kind\": \"appeal\", \"addressee\": \"official\","
    " \"title\": {\"en\": \"An appeal for release\"}, \"subject\": {\"en\": \"Release {case_name_latin}\"},"
    " \"paragraphs\": [{\"id\": \"ask\", \"text\": {\"en\": \"{target_salutation} I urge you to release {case_name_latin}, born {case_birth_year}, held in {case_facility}.\"}}],"
    " \"closing\": {\"en\": \"Respectfully,\"}, \"max_pages\": 1}"
    "],\n"
    "\"targets\": ["
    "{\"id\": \"un-rapporteur\", \"role\": \"international-body\","
    " \"title\": {\"en\": \"UN Special Rapporteur on the situation of human rights in the Russian Federation\"},"
    " \"organization\": {\"en\": \"Office of the UN High Commissioner for Human Rights\"},"
    " \"salutation\": {\"en\": \"Dear Special Rapporteur,\"}, \"email\": \"rapporteur@example.org\"},"
    "{\"id\": \"my-representative\", \"role\": \"representative\", \"user_supplied\": true,"
    " \"title\": {\"en\": \"Your member of parliament\"}, \"salutation\": {\"en\": \"Dear Member of Parliament,\"}}"
    "],\n");
}

static void
append_case (GString *json,
             GRand   *rand,
             guint    index)
{
  gboolean belarus = g_rand_int_range (rand, 0, 4) == 0;
  gboolean female = g_rand_int_range (rand, 0, 4) == 0;
  const Surname *surname = PICK (rand, surnames);
  const MaleName *father = PICK (rand, male_names);
  const MaleName *man = PICK (rand, male_names);
  const FemaleName *woman = PICK (rand, female_names);
  const Region *region = belarus ? PICK (rand, regions_by) : PICK (rand, regions_ru);
  const Pair *occupation = PICK (rand, occupations);
  const Pair *city = belarus ? &cities[g_rand_int_range (rand, 5, 10)] : &cities[g_rand_int_range (rand, 0, 5)];
  const Pair *reason = PICK (rand, reasons);
  const Pair *ending = PICK (rand, story_endings);
  const char *given = female ? woman->name : man->name;
  const char *given_dative = female ? woman->dative : man->dative;
  const char *given_latin = female ? woman->latin : man->latin;
  const char *patronymic = female ? father->patronymic_f : father->patronymic_m;
  const char *patronymic_dative = female ? father->patronymic_f_dative : father->patronymic_m_dative;
  guint birth_year = g_rand_int_range (rand, 1950, 2005);
  guint arrest_year = g_rand_int_range (rand, 2020, 2026);
  guint colony = g_rand_int_range (rand, 1, 30);
  guint term = g_rand_int_range (rand, 2, 10);
  guint status = g_rand_int_range (rand, 0, 20);
  char family[64], family_dative[64], family_latin[64];
  g_autofree char *ending_en = NULL;
  g_autofree char *ending_ru = NULL;

  surname_form (surname, female, FALSE, family);
  surname_form (surname, female, TRUE, family_dative);
  surname_latin (surname, female, family_latin);
  ending_en = g_strdup_printf (ending->en, given_latin);
  ending_ru = g_strdup_printf (ending->ru, given);

  g_string_append_printf (json,
    "%s{\"id\": \"case-%05u\", \"name\": \"%s %s %s\", \"name_latin\": \"%s %s\",\n"
    " \"name_forms\": {\"ru\": {\"dative\": \"%s %s %s\", \"given\": \"%s %s\"}},\n"
    " \"birth_year\": %u, \"status\": \"%s\", \"country\": \"%s\", \"demo\": true,\n",
    index ? ",\n" : "", index,
    family, given, patronymic, given_latin, family_latin,
    family_dative, given_dative, patronymic_dative, given, patronymic,
    birth_year, status == 0 ? "released" : status < 4 ? "detained" : "imprisoned",
    belarus ? "BY" : "RU");

  g_string_append_printf (json,
    " \"story\": {\"en\": \"%s %s is a %s from %s, born in %u. %s was arrested in %u after %s. "
    "The court sentenced %s to %u years in a penal colony in the %s. %s\",\n"
    "  \"ru\": \"%s %s родил%s в %u году и работал%s %s в %s. %s задержали в %u году после %s. "
    "Суд приговорил %s к %u годам колонии. %s\"},\n",
    given_latin, family_latin, occupation->en, city->en, birth_year, female ? "She" : "He", arrest_year,
    reason->en, female ? "her" : "him", term, region->name_en, ending_en,
    given, family, female ? "ась" : "ся", birth_year, female ? "а" : "", occupation->ru, city->ru,
    female ? "Её" : "Его", arrest_year, reason->ru, female ? "её" : "его", term, ending_ru);

  {
    const Pair *first = PICK (rand, interests);
    const Pair *second = PICK (rand, interests);

    g_string_append_printf (json,
      " \"interests\": [{\"en\": \"%s\", \"ru\": \"%s\"}, {\"en\": \"%s\", \"ru\": \"%s\"}],\n",
      first->en, first->ru, second->en, second->ru);
  }

  g_string_append_printf (json,
    " \"facility\": {\"en\": \"Penal colony No. %u, %s\", \"ru\": \"ИК-%u, %s\"},\n"
    " \"address\": {\"lines\": [\"%s %s %s, %u г.р.\", \"%s%03u, %s\", \"%s, %s, д. %u\", ",
    colony, region->name_en, colony, region->name,
    family_dative, given_dative, patronymic_dative, birth_year,
    region->postcode, g_rand_int_range (rand, 0, 1000), region->name,
    region->town, streets[g_rand_int_range (rand, 0, N_ELEMENTS (streets))], g_rand_int_range (rand, 1, 60));
  if (belarus)
    g_string_append_printf (json, "\"Исправительная колония № %u\"", colony);
  else
    g_string_append_printf (json, "\"ФКУ ИК-%u УФСИН России по %s\"", colony, region->dative);
  if (g_rand_boolean (rand))
    g_string_append_printf (json, ", \"отряд %u\"", g_rand_int_range (rand, 1, 15));
  g_string_append_printf (json,
    "], \"country\": \"%s\"},\n"
    " \"letter_languages\": %s, \"ruleset\": \"%s\", \"templates\": [\"hello\", \"postcard\", \"appeal\"]}",
    belarus ? "BELARUS" : "RUSSIA",
    belarus ? "[\"ru\", \"be\"]" : "[\"ru\"]",
    belarus ? "by-prison" : "ru-prison");
}

static void
append_campaigns (GString *json,
                  GRand   *rand,
                  guint    n_cases)
{
  static const Pair titles[] = {
    { "Write for Rights", "Пиши ради прав" },
    { "Postcards for the New Year", "Открытки к Новому году" },
    { "Free the journalists", "Свободу журналистам" },
    { "Letters to Belarus", "Письма в Беларусь" },
    { "Birthdays this month", "Дни рождения в этом месяце" },
    { "Medical care now", "Медицинскую помощь сейчас" },
  };

  g_string_append (json, "\"campaigns\": [");
  for (guint i = 0; i < N_ELEMENTS (titles); i++)
    {
      g_string_append_printf (json,
        "%s{\"id\": \"campaign-%u\", \"title\": {\"en\": \"%s\", \"ru\": \"%s\"},"
        " \"summary\": {\"en\": \"Write to the people on this list before the deadline.\","
        " \"ru\": \"Напишите людям из этого списка до срока.\"},"
        " \"deadline\": \"2026-12-%02u\", \"templates\": [\"hello\", \"appeal\"], \"targets\": [\"un-rapporteur\"],"
        " \"ruleset\": \"ru-prison\", \"cases\": [",
        i ? ",\n" : "", i, titles[i].en, titles[i].ru, 10 + i);
      for (guint j = 0; j < 40 && j < n_cases; j++)
        g_string_append_printf (json, "%s\"case-%05u\"", j ? ", " : "",
                                (guint) g_rand_int_range (rand, 0, n_cases));
      g_string_append (json, "]}");
    }
  g_string_append (json, "]\n");
}

GBytes *
bench_feed_generate (guint   n_cases,
                     guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *json = g_string_sized_new (n_cases * 2200 + 16384);
  gsize length;

  g_string_append (json,
    "{\"carta_feed\": 1,\n"
    "\"source\": {\"title\": {\"en\": \"Benchmark feed\", \"ru\": \"Лента для замеров\"},"
    " \"homepage\": \"https://example.org/\", \"updated\": \"2026-11-01\"},\n");
  append_rulesets (json);
  append_templates_and_targets (json);
  g_string_append (json, "\"cases\": [\n");
  for (guint i = 0; i < n_cases; i++)
    append_case (json, rand, i);
  g_string_append (json, "],\n");
  append_campaigns (json, rand, n_cases);
  g_string_append (json, "}\n");

  length = json->len;
  return g_bytes_new_take (g_string_free (json, FALSE), length);
}

double
bench_peak_rss_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  /* Linux reports kibibytes. */
  return usage.ru_maxrss / 1024.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (double *values,
              gsize   n_values)
{
  g_return_val_if_fail (n_values > 0, 0);

  qsort (values, n_values, sizeof (double), compare_doubles);
  if (n_values % 2)
    return values[n_values / 2];
  return (values[n_values / 2 - 1] + values[n_values / 2]) / 2;
}
