package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.util.List;

/**
 * A public labelled data set Vigil is measured on, and how one of its files becomes an eval corpus: where it comes
 * from, which version was used, its licence and how its labels map to Vigil's categories. The data itself is never
 * in the project; {@link PrepareCorpora} reads it from a folder.
 *
 * @param id      the corpus name, used for the output files ({@code ID-dev.tsv}, {@code ID-heldout.tsv})
 * @param file    the data set's file name as published, looked for in the folder given with {@code --from}
 * @param mapping the label mapping in words
 */
record DataSet(String id, String file, String title, String source, String version, String licence, String mapping,
               Converter converter) {

    /** Reads the file's content into labelled lines; refuses a malformed record with its line number. */
    interface Converter {
        List<LabelledLine> convert(String name, String content) throws IOException;
    }

    /** The data sets the project knows how to prepare (docs/adr/0166). */
    static List<DataSet> known() {
        return List.of(
                new DataSet("davidson-hate", "labeled_data.csv",
                        "Davidson, Warmsley, Macy & Weber (2017), Automated Hate Speech Detection and the Problem of "
                                + "Offensive Language, ICWSM: 24,783 tweets labelled by CrowdFlower workers",
                        "github.com/t-davidson/hate-speech-and-offensive-language, data/labeled_data.csv",
                        "commit 6a1e3f02522963d820e302c3ad48b189552c143b", "MIT (Copyright (c) 2017 Tom Davidson)",
                        "class 0 (hate speech) -> discrimination; class 2 (neither) -> none; class 1 (offensive but "
                                + "not hate) left out",
                        Davidson.mapping("0", "discrimination")),
                new DataSet("davidson-offensive", "labeled_data.csv",
                        "the same tweets, offensive language against neither",
                        "github.com/t-davidson/hate-speech-and-offensive-language, data/labeled_data.csv",
                        "commit 6a1e3f02522963d820e302c3ad48b189552c143b", "MIT (Copyright (c) 2017 Tom Davidson)",
                        "class 1 (offensive, not hate) -> inappropriate-language; class 2 (neither) -> none; class 0 "
                                + "left out",
                        Davidson.mapping("1", "inappropriate-language")),
                new DataSet("formspring", "formspring_data.csv",
                        "Reynolds, Kontostathis & Edwards (2011), Using Machine Learning to Detect Cyberbullying, "
                                + "ICMLA: 12,773 Formspring.me question-and-answer posts by teenagers (summer 2010), "
                                + "each labelled by three Mechanical Turk workers",
                        "github.com/tanyagarg2509/Virago_MLProject, DataSet_CyberBullying_Formspring/"
                                + "formspring_data.csv (a copy of the authors' release; the same posts split by class "
                                + "in github.com/Yousef-Jaber-Abdelaziz/Formspring-Data-Cyberbullying-Classification)",
                        "commit c562dc914642b1fd43126455e1905337d34f28b2",
                        "none stated (released by the authors for research; cite the paper); never committed here",
                        "two or three of the three workers answered Yes -> bullying; otherwise none; text is the "
                                + "question and the answer joined by a space",
                        Formspring::convert),
                new DataSet("suicide-watch", "Suicide_Detection.csv",
                        "N. Komati, Suicide and Depression Detection: Reddit posts collected with the Pushshift "
                                + "API, r/SuicideWatch (Dec 2008 - Jan 2021) labelled suicide and r/teenagers "
                                + "labelled non-suicide (232,074 posts in the full release)",
                        "kaggle.com/datasets/nikhileswarkomati/suicide-watch; read from a text copy of its first "
                                + "~5,000 posts, renumbered from 1, in github.com/torrentpien/chatgpt-textmining-workshop, "
                                + "Suicide_Detection.csv (its first rows match github.com/Badhrinadhgvs/"
                                + "Suicide-Prediction's copy, which keeps the release's row numbers)",
                        "commit 0fc6324324ed85f49827b2064cc8536a038d539a of that copy",
                        "not verified here (stated on the Kaggle page, which could not be read); the posts are "
                                + "Reddit users' writing: never committed here",
                        "class suicide (r/SuicideWatch) -> suicide|self-harm (either category finds it); class "
                                + "non-suicide (r/teenagers) -> none; the label is the forum, not a reader's judgement",
                        SuicideWatch::convert));
    }
}
