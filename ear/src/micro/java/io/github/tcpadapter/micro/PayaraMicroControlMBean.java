package io.github.tcpadapter.micro;

/**
 * What the container tests ask of the Payara Micro they started, over JMX: the deployments Micro's own command line
 * cannot make once it runs, and the users of its file realm.
 */
public interface PayaraMicroControlMBean {

    /** @return the names of the applications deployed now */
    String[] getApplications();

    /**
     * Deploys an archive and fails unless Micro then lists it: Micro's API answers {@code true} for an archive it
     * could not deploy, and only logs why.
     *
     * @param name the application's name
     * @param contextRoot a web module's context root, or empty
     * @param path the archive
     */
    void deploy(String name, String contextRoot, String path);

    void undeploy(String name);

    /** Sets a system property of Micro's JVM, as {@code --systemproperties} would; a null value removes it. */
    void setSystemProperty(String name, String value);

    /** Adds a user of the file realm, in that group, as {@code asadmin create-file-user} would. */
    void addUser(String name, String password, String group);
}
