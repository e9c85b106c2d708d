/**
 * Passwords of 8 characters or more that appear at the top of public lists of
 * leaked passwords, plus Dutch favourites. Compared lower-cased. Shorter ones
 * are refused by the length rule anyway.
 */
const LIST = `
12345678 123456789 1234567890 12345678910 123123123 11111111 111111111 1111111111
00000000 000000000 0000000000 88888888 87654321 987654321 9876543210 12341234
11223344 112233445566 123321123 123456123 123654789 147258369 159753852 741852963
789456123 123qweasd 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qaz2wsx3edc qwertyuiop
qwerty123 qwerty12 qwerty1234 qwertyui qwertyuiop123 asdfghjkl asdfghjk zxcvbnm123
azertyuiop azerty123 password password1 password12 password123 password1234 passw0rd
p@ssw0rd p@ssword pass1234 password! passwordpassword iloveyou iloveyou1 iloveyou2
sunshine princess football baseball superman batman123 starwars whatever trustno1
welcome1 welcome123 letmein1 letmein123 abc12345 abcd1234 abcdefgh 1234abcd a1b2c3d4
aa123456 aaaaaaaa changeme secret123 computer internet michelle jennifer 123abc123
monkey123 dragon123 shadow123 master123 killer123 charlie1 jordan23 liverpool
chelsea1 arsenal1 manchester barcelona realmadrid pokemon123 minecraft fortnite
samsung1 samsung123 google123 facebook123 linkedin spiderman ironman1 superman1
zaq12wsx zaq1zaq1 xsw2zaq1 qazwsxedc qazwsx123 1234qwer qwer1234 asdf1234 zxcv1234
88888888 12qwaszx 123qwe123 q1w2e3r4 q1w2e3r4t5 passwort hallo123 hallo1234 welkom01
welkom123 welkom12 welkom2024 welkom2025 welkom2026 wachtwoord wachtwoord1
wachtwoord123 wachtwoord! geheim123 geheim12 amsterdam rotterdam groningen
groningen1 utrecht123 ajax1900 ajaxamsterdam feyenoord feyenoord1 psveindhoven
fcgroningen nederland nederland1 holland1 oranje123 zomer2024 zomer2025 winter2025
lente2025 herfst2025 januari1 februari maart2025 voetbal1 voetbal123 vakantie
koekjes1 prinses1 schatje1 liefde12 ikhouvanjou mijnwachtwoord 0612345678
veranderlab veranderlab1 veranderlab123 veiligheid veiligheid1 gemeente gemeente1
politie1 politie123 qwerty2024 qwerty2025 summer2024 summer2025 spring2025 autumn2025
winter2024 password2024 password2025 password2026 admin123 admin1234 administrator
rootroot root1234 test1234 testtest test12345 testing123 guest123 user1234 login123
demo1234 default1 security1 letmein! passw0rd1 p4ssw0rd 123456789a a123456789
abc123456 abcd12345 qwe123456 asd123456 zxc123456 1234567a 12345678a 12345qwert
123456qwerty qwerty123456 1234567q 987654321a iloveu123 loveyou1 lovelove ilovegod
jesus123 blessed1 christ123 freedom1 mustang1 corvette ferrari1 porsche1 mercedes
yankees1 cowboys1 eagles12 steelers lakers24 michael1 jessica1 ashley12 daniel12
nicole12 thomas12 robert12 william1 matthew1 andrew12 joshua12 hannah12 amanda12
butterfly sunflower rainbow1 chocolate cookie12 pepper12 tigger12 buster12 maggie12
bailey12 charlie12 ginger12 snoopy12 hello123 hello1234 helloworld goodluck
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  LIST.split(/\s+/).filter((word) => word.length > 0),
);
